// CAP 1.2: the four OASIS examples import and export back unchanged, every export validates against
// the official schema (checked by libxml2 compiled to WASM), and hostile or broken documents are
// refused with an error that says what and where.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { message } from '@xianfeng/domain';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { CapError, type CapErrorCode } from '../src/modules/cap/errors.ts';
import { formatReferences, parseReferences, type CapAlert } from '../src/modules/cap/model.ts';
import { CAP_MAX_BYTES, parseCap } from '../src/modules/cap/parse.ts';
import { toCapXml } from '../src/modules/cap/serialize.ts';

const XSD = { fileName: 'CAP-v1.2.xsd', contents: readFileSync(new URL('../src/modules/cap/CAP-v1.2.xsd', import.meta.url), 'utf8') };

// The four OASIS examples, copied from the shared fixtures so the repository tests itself.
const FIXTURES = fileURLToPath(new URL('./fixtures/cap/', import.meta.url));
const fixture = (name: string) => readFileSync(`${FIXTURES}${name}`, 'utf8');
const EXAMPLES = [
  'oasis-example1-hsas.xml',
  'oasis-example2-thunderstorm.xml',
  'oasis-example3-earthquake.xml',
  'oasis-example4-amber-two-languages.xml',
] as const;

async function schemaErrors(xml: string): Promise<string[]> {
  const result = await validateXML({ xml: { fileName: 'alert.xml', contents: xml }, schema: XSD });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}

function refusal(input: string | Buffer): CapError {
  try {
    parseCap(input);
  } catch (err) {
    if (err instanceof CapError) return err;
    throw err;
  }
  throw new Error('the document was accepted');
}

function expectRefused(input: string | Buffer, code: CapErrorCode, where: Partial<CapError> = {}): CapError {
  const err = refusal(input);
  expect(err.code, err.message).toBe(code);
  expect(err).toMatchObject(where);
  return err;
}

describe('the OASIS examples import', () => {
  it('finds the fixtures', () => {
    for (const name of EXAMPLES) expect(existsSync(`${FIXTURES}${name}`), name).toBe(true);
  });

  it('example 1: a homeland security advisory with a parameter, a resource and an area without shapes', () => {
    const alert = parseCap(fixture(EXAMPLES[0]));
    expect(alert).toMatchObject({
      identifier: '43b080713727',
      sender: 'hsas@dhs.gov',
      sent: '2003-04-02T14:39:01-05:00',
      status: 'Actual',
      msgType: 'Alert',
      scope: 'Public',
      codes: [],
    });
    expect(alert.references).toBeUndefined();
    expect(alert.infos).toHaveLength(1);
    const [info] = alert.infos;
    expect(info.language).toBeUndefined();
    expect(info).toMatchObject({
      categories: ['Security'],
      event: 'Homeland Security Advisory System Update',
      urgency: 'Immediate',
      severity: 'Severe',
      certainty: 'Likely',
      headline: 'Homeland Security Sets Code ORANGE',
      web: 'http://www.dhs.gov/dhspublic/display?theme=29',
      parameters: [{ valueName: 'HSAS', value: 'ORANGE' }],
      resources: [{ resourceDesc: 'Image file (GIF)', mimeType: 'image/gif', uri: 'http://www.dhs.gov/dhspublic/getAdvisoryImage' }],
      areas: [{ areaDesc: 'U.S. nationwide and interests worldwide', polygons: [], circles: [], geocodes: [] }],
    });
    // Prose keeps its whitespace exactly as the sender wrote it.
    expect(info.instruction?.startsWith(' A High Condition is declared')).toBe(true);
  });

  it('example 2: a thunderstorm warning with a polygon and three SAME geocodes', () => {
    const alert = parseCap(fixture(EXAMPLES[1]));
    expect(alert).toMatchObject({
      identifier: 'KSTO1055887203',
      sender: 'KSTO@NWS.NOAA.GOV',
      sent: '2003-06-17T14:57:00-07:00',
      status: 'Actual',
      msgType: 'Alert',
      scope: 'Public',
    });
    const [info] = alert.infos;
    expect(alert.infos).toHaveLength(1);
    expect(info).toMatchObject({
      categories: ['Met'],
      event: 'SEVERE THUNDERSTORM',
      responseTypes: ['Shelter'],
      certainty: 'Observed',
      eventCodes: [{ valueName: 'SAME', value: 'SVR' }],
      expires: '2003-06-17T16:00:00-07:00',
      contact: 'BARUFFALDI/JUSKIE',
    });
    expect(info.areas).toHaveLength(1);
    expect(info.areas[0].polygons).toEqual(['38.47,-120.14 38.34,-119.95 38.52,-119.74 38.62,-119.89 38.47,-120.14']);
    expect(info.areas[0].circles).toEqual([]);
    expect(info.areas[0].geocodes).toEqual([
      { valueName: 'SAME', value: '006109' },
      { valueName: 'SAME', value: '006009' },
      { valueName: 'SAME', value: '006003' },
    ]);
  });

  it('example 3: an earthquake Update that references the earlier message, with a circle', () => {
    const alert = parseCap(fixture(EXAMPLES[2]));
    expect(alert).toMatchObject({
      identifier: 'TRI13970876.2',
      sender: 'trinet@caltech.edu',
      sent: '2003-06-11T20:56:00-07:00',
      status: 'Actual',
      msgType: 'Update',
      scope: 'Public',
      references: 'trinet@caltech.edu,TRI13970876.1,2003-06-11T20:30:00-07:00',
    });
    expect(parseReferences(alert.references)).toEqual([
      { sender: 'trinet@caltech.edu', identifier: 'TRI13970876.1', sent: '2003-06-11T20:30:00-07:00' },
    ]);
    const [info] = alert.infos;
    expect(info.urgency).toBe('Past');
    expect(info.parameters.map((p) => p.valueName)).toEqual(['EventID', 'Version', 'Magnitude', 'Depth', 'Quality']);
    expect(info.parameters[2]).toEqual({ valueName: 'Magnitude', value: '3.4 Ml' });
    expect(info.areas[0].circles).toEqual(['32.9525,-115.5527 0']);
    expect(info.areas[0].polygons).toEqual([]);
  });

  it('example 4: a child abduction alert in English and Spanish', () => {
    const alert = parseCap(fixture(EXAMPLES[3]));
    expect(alert).toMatchObject({
      identifier: 'KAR0-0306112239-SW',
      sender: 'KARO@CLETS.DOJ.CA.GOV',
      sent: '2003-06-11T22:39:00-07:00',
      status: 'Actual',
      msgType: 'Alert',
      source: 'SW',
      scope: 'Public',
    });
    expect(alert.infos.map((i) => i.language)).toEqual(['en-US', 'es-US']);
    expect(alert.infos.map((i) => i.event)).toEqual(['Child Abduction', 'Abducción de Niño']);
    expect(alert.infos.map((i) => i.areas[0].areaDesc)).toEqual(['Los Angeles County', 'condado de Los Ángeles']);
    for (const info of alert.infos) expect(info.areas[0].geocodes).toEqual([{ valueName: 'SAME', value: '006037' }]);
  });

  it('reads the same alert from bytes as from text', () => {
    for (const name of EXAMPLES) expect(parseCap(readFileSync(`${FIXTURES}${name}`))).toEqual(parseCap(fixture(name)));
  });
});

describe('the OASIS examples export back', () => {
  it.each(EXAMPLES)('%s: parse, export and parse again gives the same alert', (name) => {
    const imported = parseCap(fixture(name));
    expect(parseCap(toCapXml(imported))).toStrictEqual(imported);
  });

  it.each(EXAMPLES)('%s: the export validates against CAP-v1.2.xsd', async (name) => {
    const xml = toCapXml(parseCap(fixture(name)));
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">')).toBe(true);
    expect(await schemaErrors(xml)).toEqual([]);
  });

  it('keeps date-times byte for byte', () => {
    const xml = toCapXml(parseCap(fixture(EXAMPLES[1])));
    expect(xml).toContain('<sent>2003-06-17T14:57:00-07:00</sent>');
    expect(xml).toContain('<expires>2003-06-17T16:00:00-07:00</expires>');
  });

  it('the schema check can fail: an export without <sender>, or with a "Z" time, is invalid', async () => {
    const xml = toCapXml(parseCap(fixture(EXAMPLES[0])));
    const withoutSender = xml.replace(/ *<sender>.*<\/sender>\n/, '');
    expect(withoutSender).not.toContain('<sender>');
    expect((await schemaErrors(withoutSender)).join('\n')).toMatch(/sender/);
    const utc = xml.replace('2003-04-02T14:39:01-05:00', '2003-04-02T19:39:01Z');
    expect(await schemaErrors(utc)).not.toEqual([]);
  });
});

describe('alerts written by the platform', () => {
  const typhoon: CapAlert = {
    identifier: '44090041600000_20240905100000',
    sender: 'warning@maoming.gov.cn',
    sent: '2024-09-05T10:00:00+08:00',
    status: 'Actual',
    msgType: 'Alert',
    scope: 'Public',
    codes: [],
    infos: [
      {
        language: 'zh-CN',
        categories: ['Met'],
        event: '台风红色预警',
        responseTypes: ['Evacuate', 'Shelter'],
        urgency: 'Immediate',
        severity: 'Extreme',
        certainty: 'Likely',
        eventCodes: [],
        effective: '2024-09-05T10:00:00+08:00',
        expires: '2024-09-06T10:00:00+08:00',
        senderName: '茂名市气象台',
        headline: '茂名市气象台发布台风红色预警信号',
        description: '预计 6 小时内受台风影响，平均风力可达 12 级以上 & 阵风 14 级，沿海风浪 <危险>。',
        instruction: '立即转移危险区域人员；停止集会、停课、停业。',
        parameters: [],
        resources: [],
        areas: [
          {
            areaDesc: '茂名市',
            polygons: ['21.5,110.6 22.1,110.6 22.1,111.3 21.5,111.3 21.5,110.6'],
            circles: ['21.66,110.92 50'],
            geocodes: [{ valueName: 'GB/T 2260', value: '440900' }],
          },
        ],
      },
    ],
  };
  const ack: CapAlert = {
    identifier: 'XF-ACK-0001',
    sender: 'village-07@xianfeng.local',
    sent: '2024-09-05T10:03:12+08:00',
    status: 'Actual',
    msgType: 'Ack',
    scope: 'Public',
    codes: [],
    note: '已签收，正在组织转移',
    references: formatReferences([{ sender: typhoon.sender, identifier: typhoon.identifier, sent: typhoon.sent }]),
    infos: [],
  };

  it('a typhoon red warning in Chinese validates against the schema and reads back the same', async () => {
    const xml = toCapXml(typhoon);
    expect(await schemaErrors(xml)).toEqual([]);
    expect(xml).toContain('<event>台风红色预警</event>');
    expect(xml).toContain('&amp; 阵风 14 级，沿海风浪 &lt;危险&gt;');
    expect(parseCap(xml)).toStrictEqual(typhoon);
    expect(parseCap(Buffer.from(xml, 'utf8'))).toStrictEqual(typhoon);
  });

  it('an acknowledgement with references and no info validates and reads back the same', async () => {
    const xml = toCapXml(ack);
    expect(await schemaErrors(xml)).toEqual([]);
    expect(xml).not.toContain('<info>');
    expect(xml).toContain('<references>warning@maoming.gov.cn,44090041600000_20240905100000,2024-09-05T10:00:00+08:00</references>');
    expect(parseCap(xml)).toStrictEqual(ack);
  });

  it('refuses to write what the schema would refuse', () => {
    const write = (alert: CapAlert) => {
      try {
        toCapXml(alert);
      } catch (err) {
        return err instanceof CapError ? err : undefined;
      }
      return undefined;
    };
    expect(write({ ...ack, sent: '2024-09-05T02:03:12Z' })).toMatchObject({ code: 'cap.invalid_value', element: 'sent' });
    expect(write({ ...typhoon, infos: [{ ...typhoon.infos[0], severity: 'Catastrophic' }] })).toMatchObject({
      code: 'cap.invalid_value', element: 'severity',
    });
    expect(write({ ...typhoon, infos: [{ ...typhoon.infos[0], categories: [] }] })).toMatchObject({
      code: 'cap.missing_element', element: 'category',
    });
    expect(write({ ...ack, note: 'bell \u0007' })).toMatchObject({ code: 'cap.invalid_value', element: 'note' });
  });

  it('formats and reads references as sender,identifier,sent triples', () => {
    const refs = [
      { sender: 'a@b.cn', identifier: 'ONE', sent: '2024-09-05T10:00:00+08:00' },
      { sender: 'a@b.cn', identifier: 'TWO', sent: '2024-09-05T11:00:00+08:00' },
    ];
    expect(formatReferences(refs)).toBe('a@b.cn,ONE,2024-09-05T10:00:00+08:00 a@b.cn,TWO,2024-09-05T11:00:00+08:00');
    expect(parseReferences(` ${formatReferences(refs)}\n`)).toEqual(refs);
    expect(parseReferences(undefined)).toEqual([]);
  });
});

describe('hostile and broken documents are refused', () => {
  const example1 = () => fixture(EXAMPLES[0]);

  it('an external entity (XXE) is refused before anything is read', () => {
    const xxe = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE alert [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&x;</identifier></alert>`;
    const err = expectRefused(xxe, 'cap.doctype_forbidden', { line: 2 });
    expect(err.message).not.toContain('root:');
  });

  it('an entity-expansion bomb ("billion laughs") is refused at once', () => {
    const entities = ['<!ENTITY lol "lol">'];
    for (let i = 1; i <= 9; i++) entities.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
    const bomb = `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n${entities.join('\n')}\n]>\n<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">&lol9;</alert>`;
    const started = performance.now();
    expectRefused(bomb, 'cap.doctype_forbidden', { line: 2 });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('an entity that was never declared is malformed, not expanded', () => {
    const err = expectRefused(example1().replace('Homeland Security Sets', '&nbsp;Sets'), 'cap.malformed', { line: 16, element: 'headline' });
    expect(err.detail).toMatch(/entity/);
  });

  it('a document over 1 MB is refused before parsing, counted in bytes', () => {
    const padding = 'x'.repeat(CAP_MAX_BYTES);
    const big = example1().replace('<description>', `<description>${padding}`);
    expectRefused(big, 'cap.too_large', { limitKb: 1024 });
    expectRefused(Buffer.from(big), 'cap.too_large');
    // 400 000 Chinese characters are 1.2 MB in UTF-8, though the string is shorter than the limit.
    const chinese = example1().replace('<description>', `<description>${'预'.repeat(400_000)}`);
    expect(chinese.length).toBeLessThan(CAP_MAX_BYTES);
    expectRefused(chinese, 'cap.too_large');
  });

  it('text that is not XML at all is malformed on line 1', () => {
    expectRefused('This is not a CAP alert, just words.', 'cap.malformed', { line: 1 });
    expectRefused('{"identifier": "43b080713727"}', 'cap.malformed', { line: 1 });
    expectRefused('', 'cap.malformed');
  });

  it('a truncated document names the line where it stops and the element left open', () => {
    const lines = fixture(EXAMPLES[1]).split('\n');
    const truncated = lines.slice(0, 22).join('\n'); // ends inside <info>, after <headline>
    const err = expectRefused(truncated, 'cap.malformed', { line: 22, element: 'info' });
    expect(err.detail).toMatch(/unclosed/);
  });

  it('a mismatched closing tag names its line and element', () => {
    const broken = example1().replace('</headline>', '</headlin>');
    expectRefused(broken, 'cap.malformed', { line: 16, element: 'headline' });
  });

  it('a root that is not the CAP 1.2 alert is refused', () => {
    expectRefused('<feed xmlns="http://www.w3.org/2005/Atom"/>', 'cap.not_cap', { line: 1, element: '{http://www.w3.org/2005/Atom}feed' });
    expectRefused(example1().replace('cap:1.2', 'cap:1.1'), 'cap.not_cap', { line: 2 });
    expectRefused(example1().replace(' xmlns="urn:oasis:names:tc:emergency:cap:1.2"', ''), 'cap.not_cap', { element: 'alert' });
  });

  it('a missing <identifier> names the element and the line of its parent', () => {
    const err = expectRefused(example1().replace(/ *<identifier>.*\n/, ''), 'cap.missing_element', {
      line: 2, column: 1, element: 'identifier', parent: 'alert',
    });
    expect(err.params).toMatchObject({ line: 2, element: 'identifier', parent: 'alert' });
  });

  it('a missing required element inside info or area is named too', () => {
    expectRefused(example1().replace(/ *<urgency>.*\n/, ''), 'cap.missing_element', { line: 9, element: 'urgency', parent: 'info' });
    expectRefused(example1().replace(/ *<areaDesc>.*\n/, ''), 'cap.missing_element', { line: 29, element: 'areaDesc', parent: 'area' });
  });

  it('a value outside an enumeration is refused with its line, element and value', () => {
    expectRefused(example1().replace('<status>Actual<', '<status>Actuel<'), 'cap.invalid_value', {
      line: 6, column: 3, element: 'status', value: 'Actuel',
    });
    expectRefused(example1().replace('<severity>Severe<', '<severity>Dangerous<'), 'cap.invalid_value', {
      line: 13, element: 'severity', value: 'Dangerous',
    });
    expectRefused(example1().replace('<category>Security<', '<category>Weather<'), 'cap.invalid_value', { element: 'category' });
  });

  it('a "Z" time is refused: CAP 1.2 says the "Z" must not be used', () => {
    expectRefused(example1().replace('2003-04-02T14:39:01-05:00', '2003-04-02T19:39:01Z'), 'cap.invalid_value', {
      line: 5, column: 3, element: 'sent', value: '2003-04-02T19:39:01Z',
    });
    expectRefused(example1().replace('2003-04-02T14:39:01-05:00', '2003-02-30T14:39:01-05:00'), 'cap.invalid_value', { element: 'sent' });
    expectRefused(example1().replace('2003-04-02T14:39:01-05:00', '2003-04-02T14:39:01.5-05:00'), 'cap.invalid_value', { element: 'sent' });
  });

  it('an unknown or repeated CAP element is refused, an element of another namespace is skipped', () => {
    expectRefused(example1().replace('<scope>', '<colour>orange</colour><scope>'), 'cap.unexpected_element', {
      line: 8, element: 'colour', parent: 'alert',
    });
    expectRefused(example1().replace('<status>', '<sender>again@dhs.gov</sender><status>'), 'cap.unexpected_element', {
      line: 6, element: 'sender',
    });
    const extended = example1().replace('<scope>', '<ext:region xmlns:ext="urn:example:extension">南方</ext:region><scope>');
    expect(parseCap(extended)).toStrictEqual(parseCap(example1()));
  });

  it('a polygon that does not close, or a bad circle, is refused', () => {
    const thunderstorm = fixture(EXAMPLES[1]);
    expectRefused(thunderstorm.replace('38.62,-119.89 38.47,-120.14', '38.62,-119.89'), 'cap.invalid_value', { element: 'polygon' });
    expectRefused(fixture(EXAMPLES[2]).replace('32.9525,-115.5527 0', '32.9525 -115.5527'), 'cap.invalid_value', { element: 'circle' });
  });

  it('bytes in a declared Chinese encoding are decoded; an unknown encoding is refused', () => {
    const utf8 = toCapXml({ ...parseCap(example1()), note: '台风红色预警' });
    const declared = utf8.replace('encoding="UTF-8"', 'encoding="GB18030"');
    // Node has no GB18030 encoder, so the document is built from the two bytes of each character.
    const bytes = Buffer.concat(
      declared.split('台风红色预警').flatMap((part, i) => (i === 0 ? [Buffer.from(part)] : [GB18030_TYPHOON_RED, Buffer.from(part)])),
    );
    expect(parseCap(bytes).note).toBe('台风红色预警');
    expectRefused(Buffer.from(utf8.replace('encoding="UTF-8"', 'encoding="X-NOPE"')), 'cap.malformed', { line: 1 });
    expectRefused(Buffer.from([0x3c, 0x61, 0xff, 0xfe, 0x3e]), 'cap.malformed', { line: 1 });
  });

  it('every refusal reads in Chinese and in English with each placeholder filled', () => {
    const refusals = [
      'not XML',
      '<!DOCTYPE alert [<!ENTITY x "y">]><alert/>',
      '<feed xmlns="http://www.w3.org/2005/Atom"/>',
      example1().replace(/ *<identifier>.*\n/, ''),
      example1().replace('<status>Actual<', '<status>Actuel<'),
      example1().replace('<scope>', '<colour>orange</colour><scope>'),
      'x'.repeat(CAP_MAX_BYTES + 1),
    ].map(refusal);
    expect(new Set(refusals.map((err) => err.code)).size).toBe(refusals.length);
    for (const err of refusals) {
      const zh = message(err.code, 'zh-CN', err.params);
      const en = message(err.code, 'en', err.params);
      expect(zh, err.code).not.toMatch(/\{\w+\}/);
      expect(en, err.code).not.toMatch(/\{\w+\}/);
    }
    expect(message(refusals[4].code, 'zh-CN', refusals[4].params)).toBe('第 6 行元素 status 的值“Actuel”无效');
  });
});

// "台风红色预警" in GB18030 (the same bytes as GBK for these characters).
const GB18030_TYPHOON_RED = Buffer.from([0xcc, 0xa8, 0xb7, 0xe7, 0xba, 0xec, 0xc9, 0xab, 0xd4, 0xa4, 0xbe, 0xaf]);
