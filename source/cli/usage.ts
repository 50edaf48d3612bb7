export const usage = `
  Usage
    $ mexc-mm [run] [options]        console (TUI) on the built-in simulator (default)
    $ mexc-mm sim [--port N] [--scenario S] [--seed N]
                                     run the exchange simulator alone; prints its URLs and test keys
    $ mexc-mm status [--json] [--data-dir DIR]
                                     print the state file of a running or stopped bot
    $ mexc-mm report [--data-dir DIR] [--since ISO|-24h] [--config FILE] [--fills]
                     [--format text|md|csv|json]
                                     compliance and P&L per day and hour from the journals
    $ mexc-mm check --live           run the live readiness checks and place nothing

  Options
    --no-ui                 headless: JSON log lines on stdout, same engine, same state file
    --live                  trade on real MEXC (needs MEXC_API_KEY and MEXC_API_SECRET)
    --paper                 real public feeds, orders matched locally; nothing sent to MEXC
    --yes                   live: skip the interactive confirmation (headless/systemd)
    --symbol SYM            MEXC symbol (default RMVUSDT)
    --reference-symbol SYM  KuCoin symbol (default RMV-USDT)
    --config FILE           JSON config (validated; unknown keys are errors); report judges
                            the journals by its compliance rules and bandPct
    --data-dir DIR          state file and journals (default ./data)
    --duration SECONDS      stop after this long: cancel our orders, flush, exit 0
    --scenario NAME         simulator market: calm | volatile | stress (default calm)
    --seed N                simulator seed (deterministic runs)
    --faults LIST           simulator faults, comma separated, each NAME[:DURATION[@START]]
                            (e.g. referenceOutage:10m@30s): wsDrop,stall,sequenceGap,
                            rateLimitBurst,serverError,timeoutAfterAccept,listenKeyExpiry,
                            delayedAck (stress); referenceOutage,mexcPublicOutage (default 2m)
    --port N                simulator port for \`mexc-mm sim\` (0 = any free port)
    --sim-record FILE       sim mode and \`mexc-mm sim\`: at the stop, write the simulator's record
                            of the test account's trades and the reference path (JSON)
    --mexc-rest URL --mexc-ws URL --kucoin-rest URL    endpoint overrides
    --metrics-port N        serve /metrics, /healthz, /readyz on 127.0.0.1:N (0 = any free port)
    --metrics-host ADDR     the address it binds (default 127.0.0.1; 0.0.0.0 in a container)
    --log-level LEVEL       headless JSON lines: debug | info | warn | error (default info)
    --json                  status/report: machine-readable output (report: --format json)
    --format FORMAT         report: text | md | csv | json (default text); csv is one RFC 4180
                            document whose first column, section, names each row's table
    --fills                 report: list every trade with its mids and 1/10/60 s markouts
    --help, --version

  Keys (console)
    p pause/resume   c cancel all (confirm)   r reset now   k kill switch (confirm)
    q quit (cancels our orders first)   ? help

  Exit codes: 0 normal, 1 runtime failure, 2 usage or config error
  status exits: 0 running and compliant, 1 running but halted or not compliant,
                3 not running, 4 no (readable) state file; the same with --json

  Examples
    $ npm start                                   # console on the simulator
    $ mexc-mm --no-ui --duration 120 --seed 7     # headless two-minute run
    $ mexc-mm --scenario volatile --data-dir /tmp/mm
    $ mexc-mm status --json --data-dir /tmp/mm
    $ mexc-mm report --since -24h --format md --data-dir /tmp/mm > report.md
    $ mexc-mm --no-ui --metrics-port 9464          # then: curl 127.0.0.1:9464/metrics
    $ MEXC_API_KEY=... MEXC_API_SECRET=... mexc-mm --live --symbol RMVUSDT --reference-symbol RMV-USDT
`;
