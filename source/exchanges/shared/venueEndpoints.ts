// The three endpoints a run talks to, by name: the command line can override each one (a simulator or a
// proxy in front of the real venues), and the sim mode fills in its own.
export type VenueEndpointName = 'mexcRest' | 'mexcWs' | 'kucoinRest';

/** Endpoints given explicitly (command-line flags); they win over config and the simulator's URLs. */
export type VenueEndpointOverrides = Partial<Record<VenueEndpointName, string>>;
