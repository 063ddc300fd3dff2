// Reads the text that `dig` (BIND 9.18) and `kdig` (Knot 3.x) print for one answer: status,
// header flags, the records of each section, the EDNS pseudo-section and the message size. The
// two tools format these slightly differently (commas or semicolons, "Flags" or "flags").

export interface DigAnswer {
  status: string;
  flags: string[];
  answer: string[][];
  authority: string[][];
  additional: string[][];
  /** EDNS version and UDP size of the reply's OPT, when it had one. */
  ednsVersion?: number;
  ednsUdp?: number;
  size?: number;
  text: string;
}

export function parseDigOutput(text: string): DigAnswer {
  const status = /status: (\w+)/.exec(text);
  const flags = /flags: ([a-z ]*);/i.exec(text);
  const out: DigAnswer = {
    status: status ? status[1] : 'NO-ANSWER',
    flags: flags ? flags[1].trim().split(/\s+/).filter((f) => f.length > 0) : [],
    answer: [],
    authority: [],
    additional: [],
    text,
  };
  let section: string[][] | null = null;
  for (const line of text.split('\n')) {
    const header = /^;; (ANSWER|AUTHORITY|ADDITIONAL) SECTION:/.exec(line);
    if (header) {
      section = header[1] === 'ANSWER' ? out.answer : header[1] === 'AUTHORITY' ? out.authority : out.additional;
      continue;
    }
    if (line.trim() === '' || line.startsWith(';')) {
      if (line.trim() === '') section = null;
      continue;
    }
    if (section !== null) section.push(line.trim().split(/\s+/));
  }
  const edns = /(?:EDNS: version|Version): (\d+)[,;] flags:[^;]*; (?:udp|UDP size): (\d+)/.exec(text);
  if (edns) {
    out.ednsVersion = Number(edns[1]);
    out.ednsUdp = Number(edns[2]);
  }
  const size = /MSG SIZE\s+rcvd: (\d+)|Received (\d+) B/.exec(text);
  if (size) out.size = Number(size[1] ?? size[2]);
  return out;
}

/** The records of a section as "name ttl class type rdata…" lines, names lowercased. */
export function recordLines(records: string[][]): string[] {
  return records.map((r) => [r[0].toLowerCase(), ...r.slice(1)].join(' '));
}
