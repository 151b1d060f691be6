// Writes a CapAlert as a CAP 1.2 document. The XSD is a strict sequence, so elements go out in
// exactly its order; absent optional elements are left out, and every value CAP constrains is
// checked first, so that what leaves the platform always validates against CAP-v1.2.xsd.
import { CapError } from './errors.ts';
import { CAP_NS, capValueProblem, type CapAlert, type CapArea, type CapInfo, type CapResource, type CapValuePair } from './model.ts';

export function toCapXml(alert: CapAlert): string {
  const xml = new XmlWriter();
  xml.open('alert', ` xmlns="${CAP_NS}"`);
  xml.token('identifier', alert.identifier);
  xml.token('sender', alert.sender);
  xml.token('sent', alert.sent);
  xml.token('status', alert.status);
  xml.token('msgType', alert.msgType);
  xml.text('source', alert.source);
  xml.token('scope', alert.scope);
  xml.text('restriction', alert.restriction);
  xml.text('addresses', alert.addresses);
  for (const code of alert.codes) xml.text('code', code);
  xml.text('note', alert.note);
  xml.text('references', alert.references);
  xml.text('incidents', alert.incidents);
  for (const info of alert.infos) writeInfo(xml, info);
  xml.close('alert');
  return xml.toString();
}

function writeInfo(xml: XmlWriter, info: CapInfo): void {
  if (!info.categories.length) throw new CapError('cap.missing_element', { element: 'category', parent: 'info' });
  xml.open('info');
  xml.token('language', info.language);
  for (const category of info.categories) xml.token('category', category);
  xml.text('event', info.event);
  for (const responseType of info.responseTypes) xml.token('responseType', responseType);
  xml.token('urgency', info.urgency);
  xml.token('severity', info.severity);
  xml.token('certainty', info.certainty);
  xml.text('audience', info.audience);
  for (const eventCode of info.eventCodes) writeValuePair(xml, 'eventCode', eventCode);
  xml.token('effective', info.effective);
  xml.token('onset', info.onset);
  xml.token('expires', info.expires);
  xml.text('senderName', info.senderName);
  xml.text('headline', info.headline);
  xml.text('description', info.description);
  xml.text('instruction', info.instruction);
  xml.text('web', info.web);
  xml.text('contact', info.contact);
  for (const parameter of info.parameters) writeValuePair(xml, 'parameter', parameter);
  for (const resource of info.resources) writeResource(xml, resource);
  for (const area of info.areas) writeArea(xml, area);
  xml.close('info');
}

function writeResource(xml: XmlWriter, resource: CapResource): void {
  xml.open('resource');
  xml.text('resourceDesc', resource.resourceDesc);
  xml.text('mimeType', resource.mimeType);
  xml.token('size', resource.size === undefined ? undefined : String(resource.size));
  xml.text('uri', resource.uri);
  xml.text('derefUri', resource.derefUri);
  xml.text('digest', resource.digest);
  xml.close('resource');
}

function writeArea(xml: XmlWriter, area: CapArea): void {
  xml.open('area');
  xml.text('areaDesc', area.areaDesc);
  for (const polygon of area.polygons) xml.token('polygon', polygon);
  for (const circle of area.circles) xml.token('circle', circle);
  for (const geocode of area.geocodes) writeValuePair(xml, 'geocode', geocode);
  xml.token('altitude', area.altitude);
  xml.token('ceiling', area.ceiling);
  xml.close('area');
}

function writeValuePair(xml: XmlWriter, name: string, pair: CapValuePair): void {
  xml.open(name);
  xml.text('valueName', pair.valueName);
  xml.text('value', pair.value);
  xml.close(name);
}

/** Indented output: whitespace only between elements, never inside a value. */
class XmlWriter {
  private readonly lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  private depth = 0;

  open(name: string, attributes = ''): void {
    this.lines.push(`${this.indent()}<${name}${attributes}>`);
    this.depth += 1;
  }

  close(name: string): void {
    this.depth -= 1;
    this.lines.push(`${this.indent()}</${name}>`);
  }

  /** A value CAP constrains (an enumeration, a date-time, coordinates): checked before it is written. */
  token(name: string, value: string | undefined): void {
    if (value === undefined) return;
    const problem = capValueProblem(name, value);
    if (problem) throw new CapError('cap.invalid_value', { element: name, value, detail: problem });
    this.text(name, value);
  }

  text(name: string, value: string | undefined): void {
    if (value === undefined) return;
    this.lines.push(`${this.indent()}<${name}>${escapeText(name, value)}</${name}>`);
  }

  toString(): string {
    return `${this.lines.join('\n')}\n`;
  }

  private indent(): string {
    return '  '.repeat(this.depth);
  }
}

// Characters XML 1.0 cannot carry at all, not even as references; lone surrogates are not text.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function escapeText(element: string, value: string): string {
  if (NOT_XML.test(value)) {
    throw new CapError('cap.invalid_value', { element, value, detail: 'contains a character XML cannot carry' });
  }
  // ">" too, so that "]]>" never appears; "\r" as a reference, or a parser would turn it into "\n".
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}
