#!/usr/bin/env node
// Regenerates shared/domain/data/holidays.json: the public holidays (type "public" only: bank,
// optional and observance days are not holidays in law) of the United States, Canada and Australia
// and of each of their states, provinces and territories, for the years below, as local dates.
// From the date-holidays npm package (code ISC; its data, from Wikipedia, CC BY-SA 3.0 — see the
// README's dependency table), installed into a scratch folder, so the app carries only the dates.
// "AU" is the national set the Telemarketing Industry Standard 2017 speaks of: the days that are a
// public holiday in all eight states and territories, and the days any of them keeps one of the
// seven holidays kept across Australia (Christmas Day moved to a Monday in two of them).
// Run:  node tools/generate-holidays.mjs
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const PACKAGE = 'date-holidays@3.37.0';
const FIRST_YEAR = 2025;
const LAST_YEAR = 2032;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'holidaygen-'));
execFileSync('npm', ['install', '--prefix', work, '--no-save', '--ignore-scripts', PACKAGE], { stdio: 'ignore' });
const Holidays = createRequire(path.join(work, 'node_modules', 'x.js'))('date-holidays');

/** Public holidays of a place as local date → name, for every year. */
function publicHolidays(country, state) {
  const calendar = state ? new Holidays(country, state, { types: ['public'] }) : new Holidays(country, { types: ['public'] });
  const days = new Map();
  for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
    for (const holiday of calendar.getHolidays(year, 'en')) {
      if (holiday.type !== 'public') continue;
      const date = holiday.date.slice(0, 10);
      days.set(date, days.has(date) ? `${days.get(date)} / ${holiday.name}` : holiday.name);
    }
  }
  return days;
}

/** The holiday names of a day ("Christmas Day (substitute day) / Boxing Day" → both, bare). */
const namesOf = (label) => label.split(' / ').map((name) => name.replace(/\s*\(substitute day\)$/i, '').trim());

// The seven holidays kept across Australia, named in the national lists (Fair Work, ACMA):
// on whatever day a state keeps one (or its substitute), that day is closed there and so, read
// as the Standard's "national public holiday", for every Australian lead.
const AUSTRALIA_WIDE = new Set(["New Year's Day", 'Australia Day', 'Good Friday', 'Easter Monday', 'Anzac Day', 'Christmas Day', 'Boxing Day']);

/** Australia's national public holidays: a day that is a public holiday in every state and
 *  territory, and each day any of them keeps one of the seven holidays kept across Australia.
 *  Christmas Day on a Saturday (2027) is 25 December in six states and Monday 27 in South
 *  Australia and the Northern Territory: both days are closed, not neither. */
function australianNational(states) {
  const [first, ...rest] = states;
  const national = new Map([...first].filter(([date]) => rest.every((days) => days.has(date))));
  for (const days of states) {
    for (const [date, label] of days) {
      const kept = namesOf(label).filter((name) => AUSTRALIA_WIDE.has(name));
      if (kept.length > 0 && !national.has(date)) national.set(date, kept.join(' / '));
    }
  }
  return new Map([...national].sort(([a], [b]) => a.localeCompare(b)));
}

const regions = new Map();
for (const country of ['US', 'CA', 'AU']) {
  const states = Object.keys(new Holidays().getStates(country) ?? {});
  const byState = states.map((state) => [`${country}-${state}`, publicHolidays(country, state)]);
  for (const [code, days] of byState) regions.set(code, days);
  if (country === 'AU') regions.set('AU', australianNational(byState.map(([, days]) => days)));
  else {
    regions.set(country, publicHolidays(country));
  }
}

const out = {
  note: `Public holidays (local dates) from ${PACKAGE}, ${FIRST_YEAR}–${LAST_YEAR}; AU is the days public in all eight states and territories, and each day any of them keeps one of the seven holidays kept across Australia. Regenerate with node tools/generate-holidays.mjs`,
  firstYear: FIRST_YEAR,
  lastYear: LAST_YEAR,
  regions: Object.fromEntries([...regions].sort(([a], [b]) => a.localeCompare(b)).map(([code, days]) => [code, Object.fromEntries([...days].sort())])),
};
const file = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../shared/domain/data/holidays.json');
fs.writeFileSync(file, `${JSON.stringify(out)}\n`);
console.log(`${regions.size} places, ${[...regions.values()].reduce((n, d) => n + d.size, 0)} holidays, ${fs.statSync(file).size} bytes`);
