import { gunzipSync, gzipSync } from 'node:zlib';
import { isCjk, tokenize } from './tokenizer.ts';

/**
 * The search index of published practices: an inverted index over one document per practice and
 * language (original, human or machine translation), ranked with BM25 over weighted fields, in a
 * compact binary form that loads without parsing: the sorted term dictionary and the postings stay as
 * bytes and are read in place (a binary search per query term). MiniSearch was measured first: its
 * JSON took 5.7 s to load for 5,000 practices in 6 languages (titles and summaries only), far from a
 * cold start's budget; this form loads in the time it takes to gunzip (see docs/performance.md).
 *
 * Updates merge: a changed practice's documents are removed and its new ones added in one linear pass
 * over the sorted dictionary, so the stream consumer never rereads every practice.
 */

/** What facets, filters and the order of an empty query need: one entry per published practice. */
export interface PracticeEntry {
  readonly id: string;
  readonly cityId: string;
  readonly themes: readonly string[];
  readonly sdgs: readonly number[];
  readonly region: string;
  readonly country: string;
  readonly stage?: string;
  /** Every language the practice can be read in, the original first. */
  readonly languages: readonly string[];
  readonly publishedAt: string;
  readonly updatedAt: string;
}

/** The text of a practice in one language; weighted fields, all optional but the title. */
export interface IndexDocument {
  readonly practiceId: string;
  readonly lang: string;
  readonly machine: boolean;
  readonly title: string;
  readonly summary?: string;
  /** Technologies, partners, the city's name: short words that should weigh like the summary. */
  readonly keywords?: string;
  /** The sections. */
  readonly body?: string;
}

/** Field weights (integers: the weighted term frequency is stored as an integer). */
const WEIGHTS = { title: 4, summary: 2, keywords: 2, body: 1 } as const;
const K1 = 1.2;
const B = 0.75;
/** A prefix expands to at most this many terms (the most a short prefix is worth). */
const MAX_EXPANSIONS = 64;
/** A prefix-only match counts less than the whole word. */
const PREFIX_FACTOR = 0.6;
const MAGIC = 0x574b4931; // "WKI1"

interface Doc {
  /** Index into `practices`. */
  readonly p: number;
  readonly lang: string;
  readonly machine: boolean;
  /** Weighted length in terms. */
  readonly len: number;
}

export interface SearchIndex {
  readonly practices: readonly PracticeEntry[];
  readonly docs: readonly Doc[];
  readonly avgLen: number;
  readonly termCount: number;
  /** Byte offsets of each term in `terms` (termCount + 1 entries). */
  readonly termOffsets: Uint32Array;
  /** The terms, sorted by their UTF-8 bytes, back to back. */
  readonly terms: Buffer;
  /** Byte offsets of each term's postings in `postings` (termCount + 1 entries). */
  readonly postingOffsets: Uint32Array;
  /** Per term: (doc id delta, weighted term frequency) pairs as varints, doc ids ascending. */
  readonly postings: Buffer;
}

export const emptyIndex = (): SearchIndex => ({
  practices: [],
  docs: [],
  avgLen: 0,
  termCount: 0,
  termOffsets: new Uint32Array(1),
  terms: Buffer.alloc(0),
  postingOffsets: new Uint32Array(1),
  postings: Buffer.alloc(0),
});

/** Weighted term frequencies and length of one document. */
function analyze(doc: IndexDocument): { tf: Map<string, number>; len: number } {
  const tf = new Map<string, number>();
  let len = 0;
  for (const field of Object.keys(WEIGHTS) as (keyof typeof WEIGHTS)[]) {
    const text = doc[field];
    if (!text) continue;
    const w = WEIGHTS[field];
    for (const term of tokenize(text)) {
      tf.set(term, (tf.get(term) ?? 0) + w);
      len += w;
    }
  }
  return { tf, len };
}

function writeVarint(out: number[], value: number): void {
  let v = value;
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  out.push(v);
}

/** Decodes one term's postings: calls `visit(docId, tf)` for each. */
function readPostings(index: SearchIndex, term: number, visit: (doc: number, tf: number) => void): void {
  const bytes = index.postings;
  let at = index.postingOffsets[term] ?? 0;
  const end = index.postingOffsets[term + 1] ?? 0;
  let doc = 0;
  while (at < end) {
    let delta = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = bytes[at++] ?? 0;
      delta |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    let tf = 0;
    shift = 0;
    do {
      byte = bytes[at++] ?? 0;
      tf |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    doc += delta;
    visit(doc, tf);
  }
}

const termBytes = (index: SearchIndex, i: number): Buffer =>
  index.terms.subarray(index.termOffsets[i], index.termOffsets[i + 1]);

/** The first term ≥ key (termCount when none). */
function lowerBound(index: SearchIndex, key: Buffer): number {
  let lo = 0;
  let hi = index.termCount;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (Buffer.compare(termBytes(index, mid), key) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A new index: the given one without the documents of `remove` (practice ids), with `entries` and
 * `documents` added (an entry replaces the one with the same id). Linear in the index's size.
 */
export function updateIndex(
  base: SearchIndex,
  remove: ReadonlySet<string>,
  entries: readonly PracticeEntry[],
  documents: readonly IndexDocument[],
): SearchIndex {
  const replaced = new Set([...remove, ...entries.map((e) => e.id)]);
  const practices: PracticeEntry[] = [];
  const practiceMap = new Map<number, number>();
  base.practices.forEach((p, i) => {
    if (replaced.has(p.id)) return;
    practiceMap.set(i, practices.length);
    practices.push(p);
  });
  const newPractice = new Map<string, number>();
  for (const entry of entries) {
    newPractice.set(entry.id, practices.length);
    practices.push(entry);
  }
  // Old documents keep their order (so postings stay ascending), renumbered; new ones follow.
  const docMap = new Int32Array(base.docs.length).fill(-1);
  const docs: Doc[] = [];
  base.docs.forEach((d, i) => {
    const p = practiceMap.get(d.p);
    if (p === undefined) return;
    docMap[i] = docs.length;
    docs.push({ ...d, p });
  });
  const added = new Map<string, [number, number][]>();
  for (const document of documents) {
    const p = newPractice.get(document.practiceId);
    if (p === undefined) throw new Error(`document of ${document.practiceId} has no entry`);
    const { tf, len } = analyze(document);
    const id = docs.length;
    docs.push({ p, lang: document.lang, machine: document.machine, len });
    for (const [term, f] of tf) {
      let list = added.get(term);
      if (!list) {
        list = [];
        added.set(term, list);
      }
      list.push([id, f]);
    }
  }
  const newTerms = [...added.keys()]
    .map((t) => ({ t, b: Buffer.from(t, 'utf8') }))
    .sort((a, b) => Buffer.compare(a.b, b.b));

  const termChunks: Buffer[] = [];
  const termOffsets: number[] = [0];
  const postingOffsets: number[] = [0];
  const postings: number[] = [];
  let termBytesLen = 0;
  const emit = (bytes: Buffer, list: [number, number][]) => {
    if (list.length === 0) return;
    let last = 0;
    for (const [doc, tf] of list) {
      writeVarint(postings, doc - last);
      writeVarint(postings, tf);
      last = doc;
    }
    termChunks.push(bytes);
    termBytesLen += bytes.length;
    termOffsets.push(termBytesLen);
    postingOffsets.push(postings.length);
  };
  const oldList = (i: number) => {
    const list: [number, number][] = [];
    readPostings(base, i, (doc, tf) => {
      const mapped = docMap[doc] ?? -1;
      if (mapped >= 0) list.push([mapped, tf]);
    });
    return list;
  };
  let i = 0;
  let j = 0;
  while (i < base.termCount || j < newTerms.length) {
    const old = i < base.termCount ? termBytes(base, i) : undefined;
    const add = newTerms[j];
    const order = old === undefined ? 1 : add === undefined ? -1 : Buffer.compare(old, add.b);
    if (order < 0 && old) {
      emit(Buffer.from(old), oldList(i));
      i++;
    } else if (order > 0 && add) {
      emit(add.b, added.get(add.t) ?? []);
      j++;
    } else if (old && add) {
      emit(add.b, [...oldList(i), ...(added.get(add.t) ?? [])]);
      i++;
      j++;
    }
  }
  const totalLen = docs.reduce((sum, d) => sum + d.len, 0);
  return {
    practices,
    docs,
    avgLen: docs.length ? totalLen / docs.length : 0,
    termCount: termOffsets.length - 1,
    termOffsets: Uint32Array.from(termOffsets),
    terms: Buffer.concat(termChunks, termBytesLen),
    postingOffsets: Uint32Array.from(postingOffsets),
    postings: Buffer.from(postings),
  };
}

export const buildIndex = (entries: readonly PracticeEntry[], documents: readonly IndexDocument[]) =>
  updateIndex(emptyIndex(), new Set(), entries, documents);

/** The terms a query term stands for: itself, and for the last one its completions. */
function expansions(index: SearchIndex, term: string, prefix: boolean): { term: number; factor: number }[] {
  const key = Buffer.from(term, 'utf8');
  const first = lowerBound(index, key);
  const out: { term: number; factor: number }[] = [];
  if (first < index.termCount && Buffer.compare(termBytes(index, first), key) === 0) {
    out.push({ term: first, factor: 1 });
  }
  if (!prefix) return out;
  for (let t = out.length ? first + 1 : first; t < index.termCount && out.length < MAX_EXPANSIONS; t++) {
    const bytes = termBytes(index, t);
    if (bytes.length < key.length || Buffer.compare(bytes.subarray(0, key.length), key) !== 0) break;
    out.push({ term: t, factor: PREFIX_FACTOR });
  }
  return out;
}

/** A word being typed completes: the last query term, when long enough (or one CJK character). */
const completes = (term: string): boolean => (isCjk(term) ? [...term].length === 1 : term.length >= 3);

/**
 * Scores of the documents that match the query: every term must match (a term matches through its
 * completions when it is the last one); when no document has them all, documents with any of them.
 * BM25 over the weighted fields.
 */
export function searchDocuments(index: SearchIndex, query: string): Map<number, number> {
  const terms = [...new Set(tokenize(query))];
  if (terms.length === 0 || index.docs.length === 0) return new Map();
  const n = index.docs.length;
  const perTerm = terms.map((term, k) => {
    const scores = new Map<number, number>();
    for (const { term: t, factor } of expansions(index, term, k === terms.length - 1 && completes(term))) {
      let df = 0;
      readPostings(index, t, () => {
        df++;
      });
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      readPostings(index, t, (doc, tf) => {
        const len = index.docs[doc]?.len ?? 0;
        const s = factor * idf * ((tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * len) / (index.avgLen || 1))));
        scores.set(doc, Math.max(scores.get(doc) ?? 0, s));
      });
    }
    return scores;
  });
  const all = new Map<number, number>();
  const [first, ...rest] = [...perTerm].sort((a, b) => a.size - b.size);
  for (const [doc, s] of first ?? []) {
    let total = s;
    let matched = true;
    for (const other of rest) {
      const o = other.get(doc);
      if (o === undefined) {
        matched = false;
        break;
      }
      total += o;
    }
    if (matched) all.set(doc, total);
  }
  if (all.size > 0 || terms.length === 1) return all;
  for (const scores of perTerm) for (const [doc, s] of scores) all.set(doc, (all.get(doc) ?? 0) + s);
  return all;
}

/** The index as gzipped bytes: a JSON header (practices, documents), then the dictionary and postings. */
export function encodeIndex(index: SearchIndex): Buffer {
  const header = Buffer.from(
    JSON.stringify({
      practices: index.practices,
      docs: index.docs.map((d) => [d.p, d.lang, d.machine ? 1 : 0, d.len]),
    }),
    'utf8',
  );
  const words = [MAGIC, header.length, index.termCount, index.terms.length, index.postings.length];
  const head = Buffer.alloc(words.length * 4);
  words.forEach((w, k) => {
    head.writeUInt32LE(w, k * 4);
  });
  const u32 = (a: Uint32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  return gzipSync(
    Buffer.concat([
      head,
      u32(index.termOffsets),
      u32(index.postingOffsets),
      index.terms,
      index.postings,
      header,
    ]),
    { level: 1 },
  );
}

/** Reads what encodeIndex wrote; the arrays are views of the unzipped bytes, not copies. */
export function decodeIndex(bytes: Uint8Array): SearchIndex {
  const raw = gunzipSync(bytes);
  if (raw.length < 20 || raw.readUInt32LE(0) !== MAGIC) throw new Error('not a search index');
  const [headerLen, termCount, termsLen, postingsLen] = [4, 8, 12, 16].map((o) => raw.readUInt32LE(o)) as [
    number,
    number,
    number,
    number,
  ];
  // Typed arrays need aligned offsets: copy once if zlib handed back an unaligned buffer.
  const aligned = raw.byteOffset % 4 === 0 ? raw : Buffer.from(Uint8Array.prototype.slice.call(raw));
  let at = 20;
  const offsets = (count: number) => {
    const view = new Uint32Array(aligned.buffer, aligned.byteOffset + at, count);
    at += count * 4;
    return view;
  };
  const termOffsets = offsets(termCount + 1);
  const postingOffsets = offsets(termCount + 1);
  const terms = aligned.subarray(at, at + termsLen);
  at += termsLen;
  const postings = aligned.subarray(at, at + postingsLen);
  at += postingsLen;
  const header = JSON.parse(aligned.subarray(at, at + headerLen).toString('utf8')) as {
    practices: PracticeEntry[];
    docs: [number, string, number, number][];
  };
  const docs = header.docs.map(([p, lang, machine, len]) => ({ p, lang, machine: machine === 1, len }));
  const totalLen = docs.reduce((sum, d) => sum + d.len, 0);
  return {
    practices: header.practices,
    docs,
    avgLen: docs.length ? totalLen / docs.length : 0,
    termCount,
    termOffsets,
    terms,
    postingOffsets,
    postings,
  };
}
