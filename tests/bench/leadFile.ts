// A realistic 100,000-row lead file for the import and search benchmarks: CRM-style columns,
// numbers in mixed formats across several countries, 5% duds and 3% duplicates.
const FIRST = ['Ana', 'José', 'Zoë', 'Liam', 'Olivia', 'Noah', 'Emma', 'Jürgen', 'Chloé', 'Raj', 'Mei', 'Sven', 'Aoife', 'Lucas', 'Sofia'];
const LAST = ['Silva', 'García', 'Müller', 'Smith', 'Brown', 'Nowak', 'Dubois', 'Patel', 'Kelly', 'Rossi', 'Johnson', 'Lee'];
const STATES = ['NY', 'CA', 'TX', 'IL', 'FL', 'WA', 'AZ', 'MA', 'CO', 'GA'];
const AREAS = ['212', '415', '312', '713', '305', '206', '602', '617', '303', '404', '646', '213', '214', '702', '503'];

function phoneFor(i: number): string {
  // Unique per row: the exchange and line come from the row number.
  const line = String(i % 10000).padStart(4, '0');
  const exchange = String(200 + Math.floor(i / 10000));
  const area = AREAS[i % AREAS.length]!;
  switch (i % 10) {
    case 0: return `(${area}) ${exchange}-${line}`;
    case 1: return `+1 ${area} ${exchange} ${line}`;
    case 2: return `${area}.${exchange}.${line}`;
    case 3: return `+44 20 7${exchange} ${line}`;
    case 4: return `+49 30 ${exchange}${line}`;
    case 5: return `+61 2 9${exchange} ${line}`;
    case 6: return `${area}-${exchange}-${line} x${i % 900}`;
    default: return `${area}${exchange}${line}`;
  }
}

export function generateLeadCsv(rows: number): { csv: string; duds: number; duplicates: number } {
  const lines = ['First Name,Last Name,Company Name,Job Title,Phone Number,Email,State/Region,Country/Region,Lead Type,Notes'];
  let duds = 0;
  let duplicates = 0;
  for (let i = 0; i < rows; i++) {
    let phone = phoneFor(i);
    let email = `lead${i}@example${i % 97}.com`;
    if (i % 20 === 7) {
      phone = i % 40 === 7 ? '' : '555-01';
      duds++;
    } else if (i % 100 < 3 && i > 100) {
      // A duplicate of row i - 50 (never itself a dud or a duplicate): same number, digits only.
      phone = phoneFor(i - 50).replace(/\s*x\d+$/, '').replace(/[^\d+]/g, '');
      duplicates++;
      email = '';
    }
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[(i * 7) % LAST.length]!;
    const country = i % 10 === 3 ? 'United Kingdom' : i % 10 === 4 ? 'Germany' : i % 10 === 5 ? 'Australia' : 'United States';
    lines.push(
      [first, last, `"Company ${i % 5000}, Inc."`, 'Head of Sales', phone, email, country === 'United States' ? STATES[i % STATES.length] : '', country, i % 4 === 0 ? 'Inbound' : 'Outbound', i % 9 === 0 ? '"Asked about pricing, ""soon"""' : ''].join(','),
    );
  }
  return { csv: `${lines.join('\r\n')}\r\n`, duds, duplicates };
}

/** The same rows three times: clean (every quoted cell closed), broken (one unclosed quote on
 *  each line, as in the hostile file of issue #10: "Stone,… with no closing quote) and stray (the
 *  same quotes, closed only by a quoted cell on a last row). */
export function generateQuotedCsv(rows: number): { clean: string; broken: string; stray: string } {
  const header = 'First Name,Last Name,Company Name,Phone Number,Email';
  const clean = [header];
  const broken = [header];
  for (let i = 0; i < rows; i++) {
    const [first, last, company, phone, email] = [FIRST[i % FIRST.length]!, LAST[(i * 7) % LAST.length]!, `Company ${i % 5000} Inc`, phoneFor(i), `lead${i}@example.com`];
    clean.push([first, `"${last}"`, company, phone, email].join(','));
    broken.push([first, `"${last}`, company, phone, email].join(','));
  }
  // The broken rows with a properly quoted cell on one more row at the end: it closes every one
  // of their quotes, each a stray quote that spans the rest of the file.
  const stray = [...broken, ['Zed', '"Last"', 'Company', '+1 212 555 0000', 'zed@example.com'].join(',')];
  return { clean: `${clean.join('\r\n')}\r\n`, broken: `${broken.join('\r\n')}\r\n`, stray: `${stray.join('\r\n')}\r\n` };
}
