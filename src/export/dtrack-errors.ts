// Dependency-Track's answers turned into messages that say what to check. Server text is untrusted:
// control characters are removed, it is cut short, and the caller redacts the API key.

export interface ErrorContext {
  /** "project 3f2a..." or "project \"app\" version \"1.0\"" */
  project: string;
  autoCreate: boolean;
  bomBytes: number;
  endpoint: string;
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]+/g;

/** the useful part of an error body: RFC 9457 problem details, a JSON message, or plain text */
export function detailOf(body: string): string {
  let text = body.trim();
  try {
    const j = JSON.parse(text) as Record<string, unknown>;
    const parts = [j.title, j.detail, j.message].filter((x): x is string => typeof x === 'string');
    if (Array.isArray(j.errors)) parts.push(...j.errors.slice(0, 5).map((e) => (typeof e === 'string' ? e : JSON.stringify(e))));
    if (parts.length) text = parts.join('; ');
  } catch {
    /* not JSON: keep the text */
  }
  text = text.replace(/<[^>]{0,200}>/g, ' ').replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
  return text.length > 300 ? text.slice(0, 299) + '…' : text;
}

export function uploadFailureMessage(status: number, body: string, ctx: ErrorContext): string {
  const detail = detailOf(body);
  const said = detail ? ` Server said: ${detail}` : '';
  switch (status) {
    case 400:
      return `Dependency-Track rejected the BOM (400 Bad Request).${said} Check that the BOM is valid CycloneDX of a spec version the server supports (1.6 for Dependency-Track 4.x) and that the project options are well formed (--project takes a lower-case UUID).`;
    case 401:
      return `Dependency-Track refused the API key (401 Unauthorized). Check that DTRACK_API_KEY holds a current API key of a team on this server${ctx.autoCreate ? ", and, for --auto-create, that the key's team has PROJECT_CREATION_UPLOAD (or PORTFOLIO_MANAGEMENT) permission" : ''}.${said}`;
    case 403:
      return `Dependency-Track denied the upload to ${ctx.project} (403 Forbidden). Check that the API key's team has the BOM_UPLOAD permission and, with portfolio access control enabled, access to the project${ctx.autoCreate ? ' and its parent' : ''}.${said}`;
    case 404:
      return `Dependency-Track found no ${ctx.project} (404 Not Found) at ${ctx.endpoint}. Check the project UUID or name and version${ctx.autoCreate ? ' and the parent project' : ', or add --auto-create (with --project-name and --project-version) to create it'}, and that --url points at the API server.${said}`;
    case 409:
      return `Dependency-Track reported a conflict (409) creating ${ctx.project}: it may already exist under another parent or be a collection project.${said}`;
    case 413:
      return `The BOM (${ctx.bomBytes} bytes) is larger than the server accepts (413 Payload Too Large). Raise the request size limit of the reverse proxy or load balancer in front of Dependency-Track (e.g. nginx client_max_body_size) and of Dependency-Track itself, or scan a smaller tree.${said}`;
    default:
      return `Dependency-Track answered ${status} to the upload at ${ctx.endpoint}.${said}`;
  }
}

export function pollFailureMessage(status: number, body: string, endpoint: string): string {
  const detail = detailOf(body);
  const said = detail ? ` Server said: ${detail}` : '';
  if (status === 401 || status === 403) {
    return `The BOM was uploaded, but Dependency-Track refused the processing-status check (${status}) at ${endpoint}. The API key needs the BOM_UPLOAD permission to read upload tokens.${said}`;
  }
  return `The BOM was uploaded, but checking its processing status at ${endpoint} failed with ${status}.${said}`;
}
