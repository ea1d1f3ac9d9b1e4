// Runs Microsoft Recognizers-Text (JavaScript port) on one text a line (stdin, JSON strings)
// and prints one JSON array a line: the entities of its NumberModel, PercentModel and
// CurrencyModel for that text, with byte offsets into the UTF-8 text (end exclusive).
// Used by tests/eval/score_number_suites.py --rt; culture from argv[2] ("en-us", "de-de").
'use strict';
const readline = require('readline');
const N = require('@microsoft/recognizers-text-number');
const U = require('@microsoft/recognizers-text-number-with-unit');

const culture = process.argv[2] || 'en-us';
const version = require('@microsoft/recognizers-text-number/package.json').version;
const unitVersion = require('@microsoft/recognizers-text-number-with-unit/package.json').version;

function bytes(s) { return Buffer.byteLength(s, 'utf8'); }

function run(text) {
  const out = [];
  const models = [
    ['number', () => N.recognizeNumber(text, culture)],
    ['percent', () => N.recognizePercentage(text, culture)],
    ['money', () => U.recognizeCurrency(text, culture)],
  ];
  for (const [model, f] of models) {
    let found = [];
    try { found = f(); } catch (e) { out.push({ model, error: String(e) }); continue; }
    for (const r of found) {
      // start/end are UTF-16 indexes, end inclusive.
      const start = bytes(text.slice(0, r.start));
      const end = bytes(text.slice(0, r.end + 1));
      out.push({ model, start, end, text: r.text, type: r.typeName,
                 value: r.resolution ? r.resolution.value : null,
                 unit: r.resolution && r.resolution.unit !== undefined ? r.resolution.unit : null });
    }
  }
  return out;
}

const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
process.stdout.write(JSON.stringify({ version, unitVersion, culture }) + '\n');
rl.on('line', (line) => {
  if (!line) return;
  process.stdout.write(JSON.stringify(run(JSON.parse(line))) + '\n');
});
