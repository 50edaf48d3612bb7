// Scrubs credentials from text that may reach a log or an engine event: signatures, listen keys, and the
// API key/secret themselves if a library or a server ever echoes them.
export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text.replace(/(signature|listenKey)=[^&\s"']+/gi, '$1=<redacted>');
  for (const secret of secrets) if (secret && secret.length >= 4) out = out.split(secret).join('<redacted>');
  return out;
}
