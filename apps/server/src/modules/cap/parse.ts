// Reads a CAP 1.2 alert from untrusted XML. The document comes from outside (a provincial release
// system, an upload), so the parser is strict and closed: a size limit before anything is read, no
// DTD at all (which rules out external entities and entity-expansion bombs in one stroke), only the
// five predefined entities and character references, and nothing is ever fetched. Every refusal
// names the line and the element, so the sender can find the spot.
import { SaxesParser } from 'saxes';
import { CapError } from './errors.ts';
import {
  CAP_NS,
  capValueProblem,
  type CapAlert,
  type CapArea,
  type CapInfo,
  type CapMsgType,
  type CapResource,
  type CapScope,
  type CapStatus,
  type CapValuePair,
} from './model.ts';

export const CAP_MAX_BYTES = 1024 * 1024;

export function parseCap(input: string | Buffer): CapAlert {
  const root = readXml(decode(input));
  if (root.local !== 'alert' || root.uri !== CAP_NS) {
    throw new CapError('cap.not_cap', {
      ...at(root),
      element: root.uri ? `{${root.uri}}${root.local}` : root.local,
      detail: `expected {${CAP_NS}}alert`,
    });
  }
  return readAlert(root);
}

// --- The XML layer: bytes to a small element tree --------------------------------------------

interface XmlNode {
  local: string;
  uri: string;
  line: number;
  /** One-based column of the start tag's "<". */
  column: number;
  children: XmlNode[];
  text: string;
}

function decode(input: string | Buffer): string {
  const bytes = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
  if (bytes > CAP_MAX_BYTES) throw new CapError('cap.too_large', { limitKb: CAP_MAX_BYTES / 1024 });
  if (typeof input === 'string') return input;
  // The declaration is ASCII in every encoding XML allows here, so it can be read before decoding.
  const head = input.subarray(0, 200).toString('latin1');
  const label = /^(?:\xEF\xBB\xBF)?<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1] ?? 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label, { fatal: true });
  } catch {
    throw new CapError('cap.malformed', { line: 1, detail: `unsupported encoding "${label}"` });
  }
  try {
    return decoder.decode(input);
  } catch {
    throw new CapError('cap.malformed', { line: 1, detail: `the bytes are not valid ${label}` });
  }
}

function readXml(xml: string): XmlNode {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const open: XmlNode[] = [];
  let root: XmlNode | undefined;
  let tagStart = { line: 1, column: 1 };
  let justClosed: XmlNode | undefined;
  const innermost = () => open[open.length - 1];

  parser.on('error', (err) => {
    // A wrong end tag is reported after the element it should have closed was taken off the stack.
    const element = /close tag/.test(err.message) ? justClosed : innermost();
    throw new CapError('cap.malformed', {
      line: parser.line,
      column: parser.column + 1,
      element: element?.local,
      detail: err.message.replace(/^\d+:\d+: /, ''),
    });
  });
  parser.on('doctype', (doctype) => {
    // Reported where the declaration starts; the parser is past its end by now.
    const line = parser.line - (doctype.match(/\n/g)?.length ?? 0);
    throw new CapError('cap.doctype_forbidden', { line, detail: 'CAP has no DTD; DOCTYPE and ENTITY declarations are refused' });
  });
  parser.on('opentagstart', (tag) => {
    // The parser has read "<", the name and the character after it; columns count from 0.
    tagStart = { line: parser.line, column: Math.max(1, parser.column - tag.name.length - 1) };
  });
  parser.on('opentag', (tag) => {
    const node: XmlNode = { local: tag.local, uri: tag.uri, ...tagStart, children: [], text: '' };
    const parent = innermost();
    if (parent) parent.children.push(node);
    else root = node;
    if (!tag.isSelfClosing) open.push(node);
  });
  parser.on('closetag', (tag) => {
    if (!tag.isSelfClosing) justClosed = open.pop();
  });
  const addText = (text: string) => {
    const node = innermost();
    if (node) node.text += text;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);

  parser.write(xml).close();
  if (!root) throw new CapError('cap.malformed', { line: parser.line, detail: 'the document has no root element' });
  return root;
}

// --- The CAP layer: element tree to CapAlert --------------------------------------------------

type Shape = Record<string, 'one' | 'many'>;

const ALERT: Shape = {
  identifier: 'one', sender: 'one', sent: 'one', status: 'one', msgType: 'one', source: 'one', scope: 'one',
  restriction: 'one', addresses: 'one', code: 'many', note: 'one', references: 'one', incidents: 'one', info: 'many',
};
const INFO: Shape = {
  language: 'one', category: 'many', event: 'one', responseType: 'many', urgency: 'one', severity: 'one',
  certainty: 'one', audience: 'one', eventCode: 'many', effective: 'one', onset: 'one', expires: 'one',
  senderName: 'one', headline: 'one', description: 'one', instruction: 'one', web: 'one', contact: 'one',
  parameter: 'many', resource: 'many', area: 'many',
};
const RESOURCE: Shape = { resourceDesc: 'one', mimeType: 'one', size: 'one', uri: 'one', derefUri: 'one', digest: 'one' };
const AREA: Shape = { areaDesc: 'one', polygon: 'many', circle: 'many', geocode: 'many', altitude: 'one', ceiling: 'one' };
const VALUE_PAIR: Shape = { valueName: 'one', value: 'one' };

function readAlert(node: XmlNode): CapAlert {
  const c = new CapChildren(node, ALERT);
  return defined({
    identifier: c.token('identifier'),
    sender: c.token('sender'),
    sent: c.token('sent'),
    status: c.token('status') as CapStatus,
    msgType: c.token('msgType') as CapMsgType,
    source: c.optionalProse('source'),
    scope: c.token('scope') as CapScope,
    restriction: c.optionalProse('restriction'),
    addresses: c.optionalToken('addresses'),
    codes: c.all('code').map(token),
    note: c.optionalProse('note'),
    references: c.optionalToken('references'),
    incidents: c.optionalToken('incidents'),
    infos: c.all('info').map(readInfo),
  });
}

function readInfo(node: XmlNode): CapInfo {
  const c = new CapChildren(node, INFO);
  const categories = c.all('category').map(token);
  if (!categories.length) c.required('category');
  return defined({
    language: c.optionalToken('language'),
    categories,
    event: c.prose('event'),
    responseTypes: c.all('responseType').map(token),
    urgency: c.token('urgency'),
    severity: c.token('severity'),
    certainty: c.token('certainty'),
    audience: c.optionalProse('audience'),
    eventCodes: c.all('eventCode').map(readValuePair),
    effective: c.optionalToken('effective'),
    onset: c.optionalToken('onset'),
    expires: c.optionalToken('expires'),
    senderName: c.optionalProse('senderName'),
    headline: c.optionalProse('headline'),
    description: c.optionalProse('description'),
    instruction: c.optionalProse('instruction'),
    web: c.optionalToken('web'),
    contact: c.optionalProse('contact'),
    parameters: c.all('parameter').map(readValuePair),
    resources: c.all('resource').map(readResource),
    areas: c.all('area').map(readArea),
  });
}

function readResource(node: XmlNode): CapResource {
  const c = new CapChildren(node, RESOURCE);
  const size = c.optionalToken('size');
  return defined({
    resourceDesc: c.prose('resourceDesc'),
    mimeType: c.token('mimeType'),
    size: size === undefined ? undefined : Number(size),
    uri: c.optionalToken('uri'),
    derefUri: c.optionalProse('derefUri'),
    digest: c.optionalToken('digest'),
  });
}

function readArea(node: XmlNode): CapArea {
  const c = new CapChildren(node, AREA);
  return defined({
    areaDesc: c.prose('areaDesc'),
    polygons: c.all('polygon').map(token),
    circles: c.all('circle').map(token),
    geocodes: c.all('geocode').map(readValuePair),
    altitude: c.optionalToken('altitude'),
    ceiling: c.optionalToken('ceiling'),
  });
}

function readValuePair(node: XmlNode): CapValuePair {
  const c = new CapChildren(node, VALUE_PAIR);
  return { valueName: c.token('valueName'), value: c.token('value') };
}

/**
 * The CAP children of one element, checked against what the schema allows there. Elements of
 * other namespaces (an XML signature, a national extension) are skipped: CAP lets them be there.
 */
class CapChildren {
  private readonly byName = new Map<string, XmlNode[]>();

  constructor(private readonly parent: XmlNode, shape: Shape) {
    for (const child of parent.children) {
      if (child.uri !== CAP_NS) continue;
      const seen = this.byName.get(child.local) ?? [];
      if (!Object.hasOwn(shape, child.local) || (shape[child.local] === 'one' && seen.length)) {
        throw new CapError('cap.unexpected_element', { ...at(child), element: child.local, parent: parent.local });
      }
      this.byName.set(child.local, [...seen, child]);
    }
    const stray = parent.text.trim();
    if (stray) {
      throw new CapError('cap.invalid_value', {
        ...at(parent), element: parent.local, value: shorten(stray), detail: 'text is not allowed between elements here',
      });
    }
  }

  all(name: string): XmlNode[] {
    return this.byName.get(name) ?? [];
  }

  required(name: string): XmlNode {
    const node = this.all(name)[0];
    if (!node) throw new CapError('cap.missing_element', { ...at(this.parent), element: name, parent: this.parent.local });
    return node;
  }

  token(name: string): string {
    return token(this.required(name));
  }

  optionalToken(name: string): string | undefined {
    const node = this.all(name)[0];
    return node && token(node);
  }

  prose(name: string): string {
    return leafText(this.required(name));
  }

  optionalProse(name: string): string | undefined {
    const node = this.all(name)[0];
    return node && leafText(node);
  }
}

/**
 * A machine-read value (an enumeration, a date-time, a code, coordinates): surrounding whitespace
 * from pretty-printing is dropped and the value is checked against CAP. Prose (headline,
 * description, instruction...) is kept exactly as written instead.
 */
function token(node: XmlNode): string {
  const value = leafText(node).trim();
  const problem = capValueProblem(node.local, value);
  if (problem) throw new CapError('cap.invalid_value', { ...at(node), element: node.local, value: shorten(value), detail: problem });
  return value;
}

function leafText(node: XmlNode): string {
  const child = node.children[0];
  if (child) throw new CapError('cap.unexpected_element', { ...at(child), element: child.local, parent: node.local });
  return node.text;
}

function at(node: XmlNode): { line: number; column: number } {
  return { line: node.line, column: node.column };
}

function shorten(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Drops the optional fields the document did not have, so absent stays absent (not undefined). */
function defined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as Array<keyof T>) if (value[key] === undefined) delete value[key];
  return value;
}
