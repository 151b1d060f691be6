// GeoReport v2 documents in its two formats. JSON is an array of flat objects; XML has a root
// (services, service_requests, errors) with one child per item, the fields as child elements in
// the order the specification lists them, and empty elements for absent values.

/** XML 1.0 allows only these characters; anything else (control characters) is dropped. */
const INVALID_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeXml(value: string) {
  return value.replace(INVALID_XML, '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

type Scalar = string | number | boolean | null;

/** <root><item><field>…</field>…</item>…</root>, UTF-8 with its declaration, as the spec requires. */
export function toXml(root: string, item: string, rows: ReadonlyArray<Record<string, Scalar>>): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<${root}>`];
  for (const row of rows) {
    out.push(`<${item}>`);
    for (const [key, value] of Object.entries(row)) {
      out.push(value === null || value === '' ? `<${key}/>` : `<${key}>${escapeXml(String(value))}</${key}>`);
    }
    out.push(`</${item}>`);
  }
  out.push(`</${root}>`);
  return out.join('\n');
}

/** A service definition without attributes (no service here has any). */
export function definitionXml(d: { service_code: string }) {
  return ['<?xml version="1.0" encoding="UTF-8"?>', '<service_definition>', `<service_code>${escapeXml(d.service_code)}</service_code>`, '<attributes/>', '</service_definition>'].join('\n');
}

/** A service discovery document (https://wiki.open311.org/Service_Discovery). */
export interface Discovery {
  changeset: string;
  contact: string;
  key_service: string;
  endpoints: Array<{ specification: string; url: string; changeset: string; type: 'production' | 'test'; formats: string[] }>;
}

/** The discovery document in XML: the nesting of the specification's example (endpoints/endpoint, formats/format). */
export function discoveryXml(d: Discovery) {
  const el = (name: string, value: string) => `<${name}>${escapeXml(value)}</${name}>`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<discovery>',
    el('changeset', d.changeset),
    el('contact', d.contact),
    el('key_service', d.key_service),
    '<endpoints>',
    ...d.endpoints.flatMap((e) => [
      '<endpoint>',
      el('specification', e.specification),
      el('url', e.url),
      el('changeset', e.changeset),
      el('type', e.type),
      '<formats>',
      ...e.formats.map((f) => el('format', f)),
      '</formats>',
      '</endpoint>',
    ]),
    '</endpoints>',
    '</discovery>',
  ].join('\n');
}

export type Format = 'json' | 'xml';

export const CONTENT_TYPES: Record<Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};
