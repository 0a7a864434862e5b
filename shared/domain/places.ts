// Where a lead is: the states, provinces and regions of the countries that span time zones, with
// the zones each one spans, the names an address cell may give them, and the zones of each
// multi-zone country as a whole. A lead's zones come from here before its phone number: an
// address in Texas is Central or Mountain whatever its area code. Tables are written as object
// literals and looked up as Maps (a cell that says "constructor" finds nothing).

/** One state, province or region: its ISO 3166-2 code (without the country), English name and
 *  other names an address may use, and every IANA zone it spans (the first is the main one). */
export interface Subdivision {
  code: string;
  names: readonly string[];
  zones: readonly string[];
}

type Table = readonly [code: string, names: readonly string[], zones: readonly string[]][];

const US: Table = [
  ['AL', ['Alabama'], ['America/Chicago']],
  ['AK', ['Alaska'], ['America/Anchorage', 'America/Adak']],
  ['AZ', ['Arizona'], ['America/Phoenix']],
  ['AR', ['Arkansas'], ['America/Chicago']],
  ['CA', ['California'], ['America/Los_Angeles']],
  ['CO', ['Colorado'], ['America/Denver']],
  ['CT', ['Connecticut'], ['America/New_York']],
  ['DE', ['Delaware'], ['America/New_York']],
  ['DC', ['District of Columbia', 'Washington DC', 'Washington D.C.'], ['America/New_York']],
  ['FL', ['Florida'], ['America/New_York', 'America/Chicago']],
  ['GA', ['Georgia'], ['America/New_York']],
  ['HI', ['Hawaii'], ['Pacific/Honolulu']],
  ['ID', ['Idaho'], ['America/Boise', 'America/Los_Angeles']],
  ['IL', ['Illinois'], ['America/Chicago']],
  ['IN', ['Indiana'], ['America/Indiana/Indianapolis', 'America/Chicago']],
  ['IA', ['Iowa'], ['America/Chicago']],
  ['KS', ['Kansas'], ['America/Chicago', 'America/Denver']],
  ['KY', ['Kentucky'], ['America/New_York', 'America/Chicago']],
  ['LA', ['Louisiana'], ['America/Chicago']],
  ['ME', ['Maine'], ['America/New_York']],
  ['MD', ['Maryland'], ['America/New_York']],
  ['MA', ['Massachusetts'], ['America/New_York']],
  ['MI', ['Michigan'], ['America/Detroit', 'America/Menominee']],
  ['MN', ['Minnesota'], ['America/Chicago']],
  ['MS', ['Mississippi'], ['America/Chicago']],
  ['MO', ['Missouri'], ['America/Chicago']],
  ['MT', ['Montana'], ['America/Denver']],
  ['NE', ['Nebraska'], ['America/Chicago', 'America/Denver']],
  ['NV', ['Nevada'], ['America/Los_Angeles']],
  ['NH', ['New Hampshire'], ['America/New_York']],
  ['NJ', ['New Jersey'], ['America/New_York']],
  ['NM', ['New Mexico'], ['America/Denver']],
  ['NY', ['New York'], ['America/New_York']],
  ['NC', ['North Carolina'], ['America/New_York']],
  ['ND', ['North Dakota'], ['America/Chicago', 'America/Denver']],
  ['OH', ['Ohio'], ['America/New_York']],
  ['OK', ['Oklahoma'], ['America/Chicago']],
  ['OR', ['Oregon'], ['America/Los_Angeles', 'America/Boise']],
  ['PA', ['Pennsylvania'], ['America/New_York']],
  ['RI', ['Rhode Island'], ['America/New_York']],
  ['SC', ['South Carolina'], ['America/New_York']],
  ['SD', ['South Dakota'], ['America/Chicago', 'America/Denver']],
  ['TN', ['Tennessee'], ['America/Chicago', 'America/New_York']],
  ['TX', ['Texas'], ['America/Chicago', 'America/Denver']],
  ['UT', ['Utah'], ['America/Denver']],
  ['VT', ['Vermont'], ['America/New_York']],
  ['VA', ['Virginia'], ['America/New_York']],
  ['WA', ['Washington', 'Washington State'], ['America/Los_Angeles']],
  ['WV', ['West Virginia'], ['America/New_York']],
  ['WI', ['Wisconsin'], ['America/Chicago']],
  ['WY', ['Wyoming'], ['America/Denver']],
  ['PR', ['Puerto Rico'], ['America/Puerto_Rico']],
];

const CA: Table = [
  ['AB', ['Alberta'], ['America/Edmonton']],
  ['BC', ['British Columbia'], ['America/Vancouver', 'America/Edmonton']],
  ['MB', ['Manitoba'], ['America/Winnipeg']],
  ['NB', ['New Brunswick'], ['America/Moncton']],
  ['NL', ['Newfoundland and Labrador', 'Newfoundland'], ['America/St_Johns', 'America/Goose_Bay']],
  ['NS', ['Nova Scotia'], ['America/Halifax']],
  ['NT', ['Northwest Territories'], ['America/Yellowknife']],
  ['NU', ['Nunavut'], ['America/Iqaluit', 'America/Rankin_Inlet', 'America/Cambridge_Bay']],
  ['ON', ['Ontario'], ['America/Toronto', 'America/Winnipeg']],
  ['PE', ['Prince Edward Island'], ['America/Halifax']],
  ['QC', ['Quebec', 'Québec'], ['America/Toronto']],
  ['SK', ['Saskatchewan'], ['America/Regina']],
  ['YT', ['Yukon'], ['America/Whitehorse']],
];

const AU: Table = [
  ['ACT', ['Australian Capital Territory'], ['Australia/Sydney']],
  ['NSW', ['New South Wales'], ['Australia/Sydney']],
  ['NT', ['Northern Territory'], ['Australia/Darwin']],
  ['QLD', ['Queensland'], ['Australia/Brisbane']],
  ['SA', ['South Australia'], ['Australia/Adelaide']],
  ['TAS', ['Tasmania'], ['Australia/Hobart']],
  ['VIC', ['Victoria'], ['Australia/Melbourne']],
  ['WA', ['Western Australia'], ['Australia/Perth']],
];

const NZ: Table = [
  ['CIT', ['Chatham Islands', 'Chatham Islands Territory', 'Chatham'], ['Pacific/Chatham']],
];

const MX: Table = [
  ['BCN', ['Baja California'], ['America/Tijuana']],
  ['BCS', ['Baja California Sur'], ['America/Mazatlan']],
  ['SIN', ['Sinaloa'], ['America/Mazatlan']],
  ['NAY', ['Nayarit'], ['America/Mazatlan', 'America/Bahia_Banderas']],
  ['SON', ['Sonora'], ['America/Hermosillo']],
  ['CHH', ['Chihuahua'], ['America/Chihuahua', 'America/Ciudad_Juarez']],
  ['ROO', ['Quintana Roo'], ['America/Cancun']],
  ['CMX', ['Ciudad de México', 'Mexico City', 'CDMX', 'Distrito Federal'], ['America/Mexico_City']],
  ['JAL', ['Jalisco'], ['America/Mexico_City']],
  ['NLE', ['Nuevo León', 'Nuevo Leon'], ['America/Monterrey']],
  ['YUC', ['Yucatán', 'Yucatan'], ['America/Merida']],
  ['TAM', ['Tamaulipas'], ['America/Monterrey', 'America/Matamoros']],
  ['COA', ['Coahuila'], ['America/Monterrey']],
  ['MEX', ['México', 'State of Mexico', 'Estado de México'], ['America/Mexico_City']],
  ['PUE', ['Puebla'], ['America/Mexico_City']],
  ['GUA', ['Guanajuato'], ['America/Mexico_City']],
  ['VER', ['Veracruz'], ['America/Mexico_City']],
];

const BR: Table = [
  ['AC', ['Acre'], ['America/Rio_Branco']],
  ['AM', ['Amazonas'], ['America/Manaus', 'America/Eirunepe']],
  ['RR', ['Roraima'], ['America/Boa_Vista']],
  ['RO', ['Rondônia', 'Rondonia'], ['America/Porto_Velho']],
  ['MT', ['Mato Grosso'], ['America/Cuiaba']],
  ['MS', ['Mato Grosso do Sul'], ['America/Campo_Grande']],
  ['PA', ['Pará', 'Para'], ['America/Belem', 'America/Santarem']],
  ['AP', ['Amapá', 'Amapa'], ['America/Belem']],
  ['TO', ['Tocantins'], ['America/Araguaina']],
  ['MA', ['Maranhão', 'Maranhao'], ['America/Fortaleza']],
  ['PI', ['Piauí', 'Piaui'], ['America/Fortaleza']],
  ['CE', ['Ceará', 'Ceara'], ['America/Fortaleza']],
  ['RN', ['Rio Grande do Norte'], ['America/Fortaleza']],
  ['PB', ['Paraíba', 'Paraiba'], ['America/Fortaleza']],
  ['PE', ['Pernambuco'], ['America/Recife']],
  ['AL', ['Alagoas'], ['America/Maceio']],
  ['SE', ['Sergipe'], ['America/Maceio']],
  ['BA', ['Bahia'], ['America/Bahia']],
  ['SP', ['São Paulo', 'Sao Paulo'], ['America/Sao_Paulo']],
  ['RJ', ['Rio de Janeiro'], ['America/Sao_Paulo']],
  ['MG', ['Minas Gerais'], ['America/Sao_Paulo']],
  ['ES', ['Espírito Santo', 'Espirito Santo'], ['America/Sao_Paulo']],
  ['PR', ['Paraná', 'Parana'], ['America/Sao_Paulo']],
  ['SC', ['Santa Catarina'], ['America/Sao_Paulo']],
  ['RS', ['Rio Grande do Sul'], ['America/Sao_Paulo']],
  ['GO', ['Goiás', 'Goias'], ['America/Sao_Paulo']],
  ['DF', ['Distrito Federal', 'Federal District', 'Brasília', 'Brasilia'], ['America/Sao_Paulo']],
];

const RU: Table = [
  ['MOW', ['Moscow', 'Moskva'], ['Europe/Moscow']],
  ['SPE', ['Saint Petersburg', 'St Petersburg', 'Sankt-Peterburg'], ['Europe/Moscow']],
  ['KGD', ['Kaliningrad', 'Kaliningrad Oblast'], ['Europe/Kaliningrad']],
  ['SAM', ['Samara', 'Samara Oblast'], ['Europe/Samara']],
  ['SVE', ['Sverdlovsk', 'Sverdlovsk Oblast', 'Yekaterinburg'], ['Asia/Yekaterinburg']],
  ['OMS', ['Omsk', 'Omsk Oblast'], ['Asia/Omsk']],
  ['NVS', ['Novosibirsk', 'Novosibirsk Oblast'], ['Asia/Novosibirsk']],
  ['KYA', ['Krasnoyarsk', 'Krasnoyarsk Krai'], ['Asia/Krasnoyarsk']],
  ['IRK', ['Irkutsk', 'Irkutsk Oblast'], ['Asia/Irkutsk']],
  ['SA', ['Sakha', 'Yakutia'], ['Asia/Yakutsk', 'Asia/Vladivostok', 'Asia/Srednekolymsk']],
  ['PRI', ['Primorsky', 'Primorsky Krai', 'Vladivostok'], ['Asia/Vladivostok']],
  ['MAG', ['Magadan', 'Magadan Oblast'], ['Asia/Magadan']],
  ['KAM', ['Kamchatka', 'Kamchatka Krai'], ['Asia/Kamchatka']],
];

const ID: Table = [
  ['JK', ['Jakarta', 'DKI Jakarta'], ['Asia/Jakarta']],
  ['JB', ['West Java', 'Jawa Barat'], ['Asia/Jakarta']],
  ['JT', ['Central Java', 'Jawa Tengah'], ['Asia/Jakarta']],
  ['JI', ['East Java', 'Jawa Timur'], ['Asia/Jakarta']],
  ['BT', ['Banten'], ['Asia/Jakarta']],
  ['YO', ['Yogyakarta'], ['Asia/Jakarta']],
  ['SU', ['North Sumatra', 'Sumatera Utara'], ['Asia/Jakarta']],
  ['KB', ['West Kalimantan', 'Kalimantan Barat'], ['Asia/Pontianak']],
  ['BA', ['Bali'], ['Asia/Makassar']],
  ['SN', ['South Sulawesi', 'Sulawesi Selatan'], ['Asia/Makassar']],
  ['KI', ['East Kalimantan', 'Kalimantan Timur'], ['Asia/Makassar']],
  ['NB', ['West Nusa Tenggara', 'Nusa Tenggara Barat'], ['Asia/Makassar']],
  ['NT', ['East Nusa Tenggara', 'Nusa Tenggara Timur'], ['Asia/Makassar']],
  ['MA', ['Maluku'], ['Asia/Jayapura']],
  ['PA', ['Papua'], ['Asia/Jayapura']],
];

/** Every zone of a country that spans several, for a lead whose place in it is unknown (a
 *  toll-free number, no address): it is called only when all of them allow it. */
const COUNTRY_ZONES = new Map<string, readonly string[]>([
  ['US', ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Phoenix', 'America/Los_Angeles', 'America/Anchorage', 'Pacific/Honolulu']],
  ['CA', ['America/St_Johns', 'America/Halifax', 'America/Toronto', 'America/Winnipeg', 'America/Regina', 'America/Edmonton', 'America/Vancouver']],
  ['AU', ['Australia/Sydney', 'Australia/Brisbane', 'Australia/Adelaide', 'Australia/Darwin', 'Australia/Perth']],
  ['NZ', ['Pacific/Auckland', 'Pacific/Chatham']],
  ['MX', ['America/Mexico_City', 'America/Cancun', 'America/Mazatlan', 'America/Hermosillo', 'America/Tijuana']],
  ['BR', ['America/Sao_Paulo', 'America/Manaus', 'America/Rio_Branco']],
  ['RU', ['Europe/Moscow', 'Asia/Yekaterinburg', 'Asia/Novosibirsk', 'Asia/Vladivostok']],
  ['ID', ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura']],
]);

const TABLES = new Map<string, Table>([
  ['US', US],
  ['CA', CA],
  ['AU', AU],
  ['NZ', NZ],
  ['MX', MX],
  ['BR', BR],
  ['RU', RU],
  ['ID', ID],
]);

function key(text: string): string {
  return text
    .trim()
    .toUpperCase()
    .replace(/[.\s]+/g, ' ')
    .trim();
}

/** country → (code or name, upper case) → subdivision. */
const BY_KEY = new Map<string, Map<string, Subdivision>>(
  [...TABLES].map(([country, table]) => {
    const lookup = new Map<string, Subdivision>();
    for (const [code, names, zones] of table) {
      const subdivision: Subdivision = { code, names, zones };
      lookup.set(key(code), subdivision);
      for (const name of names) lookup.set(key(name), subdivision);
    }
    return [country, lookup];
  }),
);

/** The countries whose subdivisions are known here, in the order an address without a country
 *  is tried (a bare "TX" or "Ontario" is read as the US or Canada first). */
export const COUNTRIES_WITH_SUBDIVISIONS = [...TABLES.keys()];

/** The subdivision an address's state/province cell names in a country, if it is known. */
export function subdivisionOf(country: string, region: string): Subdivision | undefined {
  return BY_KEY.get(country)?.get(key(region));
}

/** A subdivision by its region code ("US-TX"). */
export function subdivisionByCode(regionCode: string): Subdivision | undefined {
  const [country, code] = regionCode.split('-', 2);
  return country && code ? BY_KEY.get(country)?.get(code) : undefined;
}

/** The country whose subdivision a region cell names, when no country was given (US and Canada
 *  first, where leads without a country column mostly come from). */
export function countryOfRegion(region: string): string | undefined {
  const wanted = key(region);
  if (wanted === '') return undefined;
  for (const country of ['US', 'CA']) if (BY_KEY.get(country)!.has(wanted)) return country;
  return undefined;
}

/** All of a multi-zone country's zones; undefined for a country with one zone or unknown here. */
export function countryZones(country: string): readonly string[] | undefined {
  return COUNTRY_ZONES.get(country);
}

/** A region's English name ("US-FL" → "Florida"), for the reasons the rep reads. */
export function placeName(place: string): string {
  if (!place.includes('-')) return new Intl.DisplayNames(['en'], { type: 'region' }).of(place) ?? place;
  return subdivisionByCode(place)?.names[0] ?? place;
}
