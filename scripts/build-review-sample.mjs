#!/usr/bin/env node
// Builds test-fixtures/review-sample/ (the sample corpus tagged by hand for claim review, issue 9)
// from the hand-written quotes below: per document, spans as [key, quote, occurrence (1-based,
// among exact matches of the quote in the text, as in scripts/build-dev-gold.mjs), attributes],
// and `attributed_to` relations claim -> actor by key. Fails if a quote is not found at the
// intended occurrence, or a relation names an unknown key. Tagged following docs/guidelines.md,
// with one deliberate addition: the article's own unsourced figures on insurgents killed
// ("300+ Insurgents Killed", "over 300 of their fighters have been killed") are tagged as
// (unattributed) claims, because they are the figures a fact-checker compares.
// Number `unit` names the counted group for casualties (civilians, children, insurgents), so that
// the review compares like with like. Run: node scripts/build-review-sample.mjs [--check]
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const repo = new URL('..', import.meta.url).pathname;
const corpus = join(repo, 'corpus');
const root = join(repo, 'test-fixtures', 'review-sample');
const ANNOTATOR = 'reviewer';
const when = '2026-11-22T00:00:00.000Z';

const ENTITIES = [
  ['russia', 'Russia', ['Moscow', 'Kremlin']],
  ['iran', 'Iran', ['Tehran']],
  ['turkey', 'Turkey', []],
  ['bashar-al-assad', 'Bashar al-Assad', ['Assad', 'Bashar Assad']],
  ['syrian-government', 'Syrian government', ['Assad regime', 'Syrian authorities', 'Damascus', 'Assad government', 'Syria', 'Syrian administration', 'Syrian state']],
  ['syrian-military', 'Syrian military', ['Syrian army', 'Syrian military command', 'military of Syria', 'Syria’s military']],
  ['syrian-civil-defense', 'Syrian Civil Defense', ['White Helmets']],
  ['reuters', 'Reuters', []],
  ['dmitry-peskov', 'Dmitry Peskov', []],
  ['vladimir-putin', 'Vladimir Putin', ['Putin']],
  ['masoud-pezeshkian', 'Masoud Pezeshkian', ['Pezeshkian']],
  ['hayat-tahrir-al-sham', 'Hayat Tahrir al-Sham', ['HTS']],
  ['syrian-rebels', 'Syrian rebels', []],
  ['syrian-state-media', 'Syrian state television', []],
  ['russian-state-media', 'Russian state media', []],
  ['russian-air-force', 'Russian air force', []],
  ['turkish-foreign-ministry', 'Turkey’s foreign ministry', []],
  ['oncu-keceli', 'Oncu Keceli', []],
  ['mustafa-abdul-jaber', 'Mustafa Abdul Jaber', []],
  ['jaish-al-izza', 'Jaish al-Izza', []],
  ['syrian-observatory-for-human-rights', 'Syrian Observatory for Human Rights', []],
  ['united-nations', 'U.N.', []],
  ['defence-blog', 'Defence Blog', []],
  ['defence-talks', 'Defence Talks', []],
  ['dylan-malyasov', 'Dylan Malyasov', []],
  ['anduril-industries', 'Anduril Industries', ['Anduril']],
];

// Helpers: an actor, a number, a claim (with the keys of the actors it is attributed to).
const A = (key, quote, occ, entity, kind) => ({ key, label: 'actor', quote, occ, attributes: { ...(entity ? { entity } : {}), ...(kind ? { kind } : {}) }, to: [] });
const N = (key, quote, occ, value, approx, unit, quantity) => ({
  key, label: 'number', quote, occ,
  attributes: { value, approx, ...(unit ? { unit } : {}), ...(quantity ? { quantity } : {}) }, to: [],
});
const C = (key, quote, occ, ...to) => ({ key, label: 'claim', quote, occ, attributes: {}, to });
const STATE = 'state or government', ORG = 'organisation', PERSON = 'person', ARMED = 'armed group', MEDIA = 'media';

const DOCUMENTS = {
  // Defence Blog
  '000_341b31175584a5d7': [
    A('russia1', 'Russia', 1, 'russia', STATE),
    A('russia2', 'Russia', 2, 'russia', STATE),
    C('pledge', 'Russia has promised to send additional military aid to Syria within the next 72 hours', 1, 'reuters'),
    N('h72', '72 hours', 1, 72, 'exact', 'hours', 'duration'),
    A('regime1', 'Assad regime', 1, 'syrian-government', STATE),
    C('gains', 'The pledge comes amid a rapidly changing battlefield, with rebels making significant gains in recent days', 1, 'reuters'),
    N('two', 'two', 1, 2, 'exact', 'sources', 'count'),
    A('reuters', 'Reuters', 1, 'reuters', MEDIA),
    A('rebels', 'Syrian rebels', 1, 'syrian-rebels', ARMED),
    A('russia3', 'Russia', 3, 'russia', STATE),
    A('iran1', 'Iran', 1, 'iran', STATE),
    N('decade', 'nearly a decade', 1, 10, 'about', 'years', 'duration'),
    A('regime2', 'Assad regime', 2, 'syrian-government', STATE),
    C('airport', 'The escalating conflict prompted Syrian authorities to close Aleppo International Airport and all roads leading into the city on Saturday', 1, 'reuters'),
    A('authorities', 'Syrian authorities', 1, 'syrian-government', STATE),
    C('withdrawal', 'The Syrian army has been instructed to execute a ‘safe withdrawal’ from key sectors of Aleppo that have been penetrated by the rebel forces', 1, 'reuters'),
    A('army', 'Syrian army', 1, 'syrian-military', ARMED),
    A('russia5', 'Russia', 5, 'russia', STATE),
    N('y2015', '2015', 1, 2015, 'exact', null, 'date or year'),
    A('assad3', 'Assad', 3, 'bashar-al-assad', PERSON),
    A('assadgov', 'Assad government', 1, 'syrian-government', STATE),
    A('moscow', 'Moscow', 1, 'russia', STATE),
    A('iran2', 'Iran', 2, 'iran', STATE),
    A('assad5', 'Assad', 5, 'bashar-al-assad', PERSON),
    // "to Syria": the state receiving the aid (like "promised Damascus"); later "to Syria", "in Syria" are places.
    A('syria1', 'Syria', 1, 'syrian-government', STATE),
    A('syria2', 'Syria', 2, 'syrian-government', STATE),
    // The page's byline and sidebar.
    A('malyasov1', 'Dylan Malyasov', 1, 'dylan-malyasov', PERSON),
    A('malyasov2', 'Dylan Malyasov', 2, 'dylan-malyasov', PERSON),
    A('malyasov3', 'Dylan Malyasov', 3, 'dylan-malyasov', PERSON),
    A('defenceblog', 'Defence Blog', 1, 'defence-blog', MEDIA),
    A('anduril1', 'Anduril', 1, 'anduril-industries', ORG),
    A('anduril2', 'Anduril Industries', 1, 'anduril-industries', ORG),
    N('h100', '100-hour', 1, 100, 'exact', 'hours', 'duration'),
  ],
  // Defence Talks
  '001_565ccf9d3e3b851f': [
    C('strike', 'Russian and Syrian military aircraft targeted insurgents in a suburb of Aleppo on Saturday', 1, 'military2'),
    N('two1', 'two', 1, 2, 'exact', 'sources', 'count'),
    A('military2', 'Syrian military', 2, 'syrian-military', ARMED),
    A('hts', 'Hayat Tahrir al-Sham', 1, 'hayat-tahrir-al-sham', ARMED),
    A('bashar', 'Bashar al-Assad', 1, 'bashar-al-assad', PERSON),
    N('y2020', '2020', 1, 2020, 'exact', null, 'date or year'),
    A('scd', 'Syrian Civil Defense', 1, 'syrian-civil-defense', ORG),
    C('casualties', 'airstrikes by Syrian government and Russian planes hit residential areas, a gas station, and a school in rebel-held Idlib, resulting in four civilian fatalities and six injuries', 1, 'scd'),
    A('syrgov', 'Syrian government', 1, 'syrian-government', STATE),
    N('four', 'four', 1, 4, 'exact', 'civilians', 'casualties killed'),
    N('six', 'six', 1, 6, 'exact', 'civilians', 'casualties injured'),
    N('y2015', '2015', 1, 2015, 'exact', null, 'date or year'),
    A('assad2', 'Assad', 2, 'bashar-al-assad', PERSON),
    A('russia3', 'Russia', 3, 'russia', STATE),
    C('pledge', 'Russia has pledged additional military support to Damascus to counter the rebels, with supplies expected to arrive within the next 72 hours', 1, 'military2'),
    A('damascus', 'Damascus', 1, 'syrian-government', STATE),
    N('h72', '72 hours', 1, 72, 'exact', 'hours', 'duration'),
    N('tenyears', 'nearly ten years', 1, 10, 'about', 'years', 'duration'),
    A('russia4', 'Russia', 4, 'russia', STATE),
    A('iran1', 'Iran', 1, 'iran', STATE),
    C('airport', 'On Saturday, Syrian authorities closed Aleppo airport and all access routes to the city', 1, 'military2'),
    A('authorities1', 'Syrian authorities', 1, 'syrian-government', STATE),
    N('two2', 'two', 2, 2, 'exact', 'sources', 'count'),
    C('withdrawal', 'The Syrian army has been instructed to execute “safe withdrawal” protocols from the primary areas of the city that the rebels have occupied', 1, 'military2'),
    A('army1', 'Syrian army', 1, 'syrian-military', ARMED),
    N('three', 'three', 1, 3, 'exact', 'sources', 'count'),
    A('statetv', 'Syrian state television', 1, 'syrian-state-media', MEDIA),
    C('airsupport', 'Russia was providing air support to the Syrian military', 1, 'statetv'),
    A('russia5', 'Russia', 5, 'russia', STATE),
    A('military3', 'Syrian military', 3, 'syrian-military', ARMED),
    A('military4', 'Syrian military', 4, 'syrian-military', ARMED),
    C('losses', 'it was countering the attack and had inflicted significant losses on the insurgents in the Aleppo and Idlib countryside', 1, 'military4'),
    A('kremlin', 'Kremlin', 1, 'russia', STATE),
    A('peskov', 'Dmitry Peskov', 1, 'dmitry-peskov', PERSON),
    A('moscow', 'Moscow', 1, 'russia', STATE),
    C('sovereignty', 'Moscow views the rebel assault as a breach of Syria’s sovereignty', 1, 'peskov'),
    C('order', 'The Syrian authorities’ efforts to restore order and constitutional governance in the region are supported', 1, 'peskov'),
    A('authorities2', 'Syrian authorities', 2, 'syrian-government', STATE),
    A('turkey1', 'Turkey', 1, 'turkey', STATE),
    C('operations', 'its forces were conducting operations across various neighborhoods in Aleppo', 1),
    N('y2016', '2016', 1, 2016, 'exact', null, 'date or year'),
    A('assad3', 'Assad', 3, 'bashar-al-assad', PERSON),
    A('jaber', 'Mustafa Abdul Jaber', 1, 'mustafa-abdul-jaber', PERSON),
    A('izza', 'Jaish al-Izza', 1, 'jaish-al-izza', ARMED),
    C('shortage', 'their rapid progress this week was facilitated by a shortage of Iran-backed forces in the wider Aleppo province', 1, 'jaber'),
    A('iranallies', 'Iran’s regional allies', 1, 'iran', STATE),
    C('response', 'their campaign was a direct response to increased attacks on civilians in recent weeks by the Russian and Syrian air forces in rebel-held Idlib, as well as a preemptive measure against potential assaults by the Syrian army', 1),
    A('army2', 'Syrian army', 2, 'syrian-military', ARMED),
    A('turkintel', 'Turkish intelligence', 1, 'turkey', STATE),
    C('approved', 'Turkey, a supporter of the rebels, has approved the offensive', 1),
    A('turkey2', 'Turkey', 2, 'turkey', STATE),
    A('turkofficials', 'Turkish officials', 1, 'turkey', STATE),
    A('ministry', 'Turkey’s foreign ministry', 1, 'turkish-foreign-ministry', STATE),
    C('tensions', 'the clashes between rebels and government forces in the northwest had led to an undesirable increase in tensions', 1, 'ministry'),
    A('keceli', 'Oncu Keceli', 1, 'oncu-keceli', PERSON),
    C('concern', 'Turkey’s main concern is to prevent further instability in the region', 1, 'keceli'),
    A('turkey4', 'Turkey', 4, 'turkey', STATE),
    C('deescalation', 'recent assaults on Idlib have compromised the spirit and execution of de-escalation agreements', 1, 'keceli'),
    N('march2020', 'March 2020', 1, 2020, 'exact', 'March', 'date or year'),
    A('russia8', 'Russia', 8, 'russia', STATE),
    A('turkey5', 'Turkey', 5, 'turkey', STATE),
    A('defencetalks', 'Defence Talks', 1, 'defence-talks', MEDIA),
  ],
  // Kyiv Independent-style report (no outlet in the metadata)
  '002_ee4df2b2a6fab1ba': [
    A('rebels1', 'Syrian rebels', 1, 'syrian-rebels', ARMED),
    A('russia1', 'Russia', 1, 'russia', STATE),
    A('regime1', 'Assad regime', 1, 'syrian-government', STATE),
    A('rebels2', 'Syrian rebels', 2, 'syrian-rebels', ARMED),
    N('nov30a', 'Nov. 30', 1, 30, 'exact', 'November', 'date or year'),
    A('army', 'Syrian army', 1, 'syrian-military', ARMED),
    C('swept', 'Syrian rebels swept into the northwestern city of Aleppo on Nov. 30, launching a major attack that forced the army to redeploy', 1, 'army'),
    A('russia2', 'Russia', 2, 'russia', STATE),
    A('damascus1', 'Damascus', 1, 'syrian-government', STATE),
    N('h72', '72 hours', 1, 72, 'exact', 'hours', 'duration'),
    N('two', 'two', 1, 2, 'exact', 'sources', 'count'),
    A('military1', 'Syrian military', 1, 'syrian-military', ARMED),
    A('reuters', 'Reuters', 1, 'reuters', MEDIA),
    C('pledge', 'Russia has promised Damascus additional military assistance that is expected to arrive in the next 72 hours', 1, 'military1', 'reuters'),
    A('russia3', 'Russia', 3, 'russia', STATE),
    A('iran', 'Iran', 1, 'iran', STATE),
    N('eightyears', 'eight years', 1, 8, 'exact', 'years', 'duration'),
    A('bashar', 'Bashar al-Assad', 1, 'bashar-al-assad', PERSON),
    N('y2020', '2020', 1, 2020, 'exact', null, 'date or year'),
    A('assad3', 'Assad', 3, 'bashar-al-assad', PERSON),
    A('airforce', 'Russian air force', 1, 'russian-air-force', ARMED),
    N('nov29a', 'Nov. 29', 1, 29, 'exact', 'November', 'date or year'),
    A('statemedia', 'Russian state media', 1, 'russian-state-media', MEDIA),
    C('aerial', 'In response to advancing rebel forces, the Russian air force on Nov. 29 carried out an aerial attack against Aleppo and bordering Idlib province', 1, 'statemedia'),
    C('casualties', 'The attacks against Idlib reportedly killed four civilians and injured 25 others, including eight children', 1, 'scd1', 'helmets'),
    N('four', 'four', 1, 4, 'exact', 'civilians', 'casualties killed'),
    N('n25', '25', 1, 25, 'exact', 'civilians', 'casualties injured'),
    N('eight', 'eight', 2, 8, 'exact', 'children', 'casualties injured'),
    A('scd1', 'Syrian Civil Defense', 1, 'syrian-civil-defense', ORG),
    A('helmets', 'White Helmets', 1, 'syrian-civil-defense', ORG),
    A('syrgov', 'Syrian government', 1, 'syrian-government', STATE),
    N('nov30b', 'Nov. 30', 2, 30, 'exact', 'November', 'date or year'),
    A('scd2', 'Syrian Civil Defense', 2, 'syrian-civil-defense', ORG),
    C('neighborhoods', 'The Syrian government and Russian warplanes again targeted residential neighborhoods of Aleppo with strikes on Nov. 30', 1, 'scd2'),
    A('military2', 'Syrian military', 2, 'syrian-military', ARMED),
    C('fixed', 'the strikes kept the rebels from establishing fixed positions in Aleppo', 1, 'military2'),
    C('redeploy', 'The army is now carrying out "a redeployment operation aimed at strengthening the defense lines in order to absorb the attack, preserve the lives of civilians and soldiers, and prepare for a counterattack', 1, 'command'),
    A('command', 'Syrian military command', 1, 'syrian-military', ARMED),
    A('kremlin1', 'Kremlin', 1, 'russia', STATE),
    A('peskov', 'Dmitry Peskov', 1, 'dmitry-peskov', PERSON),
    N('nov29b', 'Nov. 29', 2, 29, 'exact', 'November', 'date or year'),
    C('order', 'We are in favor of the Syrian authorities bringing order to the area and restoring constitutional order as soon as possible', 1, 'peskov'),
    A('authorities', 'Syrian authorities', 1, 'syrian-government', STATE),
    A('moscow', 'Moscow', 1, 'russia', STATE),
    N('y2015', '2015', 1, 2015, 'exact', null, 'date or year'),
    A('regime2', 'Assad regime', 2, 'syrian-government', STATE),
    A('damascus2', 'Damascus', 2, 'syrian-government', STATE),
    A('kremlin2', 'Kremlin', 2, 'russia', STATE),
    A('russianforces', 'Russian forces', 1, 'russia', ARMED),
    A('un', 'U.N.', 1, 'united-nations', ORG),
    C('warcrimes', 'committing war crimes in the country, including the intentional bombing of hospitals and the usage of "double-tap" attacks', 1, 'un'),
    A('russia8', 'Russia', 8, 'russia', STATE),
  ],
  '003_7af61ec1610bb656': [
    A('assad1', 'Assad', 1, 'bashar-al-assad', PERSON),
    A('russia1', 'Russia', 1, 'russia', STATE),
    A('iran1', 'Iran', 1, 'iran', STATE),
    C('killed300', '300+ Insurgents Killed', 1),
    N('n300a', '300+', 1, 300, 'more than', 'insurgents', 'casualties killed'),
    A('assad2', 'Assad', 2, 'bashar-al-assad', PERSON),
    A('russia2', 'Russia', 2, 'russia', STATE),
    A('iran2', 'Iran', 2, 'iran', STATE),
    N('n300b', '300+', 2, 300, 'more than', 'insurgents', 'casualties killed'),
    A('bashar', 'Bashar al-Assad', 1, 'bashar-al-assad', PERSON),
    A('hts1', 'Hayat Tahrir al-Sham', 1, 'hayat-tahrir-al-sham', ARMED),
    A('hts2', 'HTS', 1, 'hayat-tahrir-al-sham', ARMED),
    A('alqaeda', 'al-Qaeda', 1, null, ARMED),
    C('over300', 'over 300 of their fighters have been killed in the intense clashes', 1),
    N('over300n', 'over 300', 1, 300, 'more than', 'insurgents', 'casualties killed'),
    C('helicopter', 'the rebels have even managed to capture a military helicopter from the retreating Syrian Army', 1),
    A('army', 'Syrian Army', 1, 'syrian-military', ARMED),
    A('assad4', 'Assad', 4, 'bashar-al-assad', PERSON),
    A('russia3', 'Russia', 3, 'russia', STATE),
    A('iran3', 'Iran', 3, 'iran', STATE),
    A('russia4', 'Russia', 4, 'russia', STATE),
    A('iran4', 'Iran', 4, 'iran', STATE),
    A('hezbollah', 'Hezbollah', 1, null, ARMED),
    A('iran5', 'Iran', 5, 'iran', STATE),
    A('assadforces1', 'Assad’s forces', 1, 'syrian-military', ARMED),
    A('hts3', 'HTS', 2, 'hayat-tahrir-al-sham', ARMED),
    A('assad6', 'Assad', 6, 'bashar-al-assad', PERSON),
    A('assadregime', 'Assad’s regime', 1, 'syrian-government', STATE),
    A('assad8', 'Assad', 8, 'bashar-al-assad', PERSON),
    A('russia5', 'Russia', 5, 'russia', STATE),
    A('iran6', 'Iran', 6, 'iran', STATE),
    A('turkey1', 'Turkey', 1, 'turkey', STATE),
    A('kurdish1', 'Kurdish forces', 1, null, ARMED),
    A('turkey2', 'Turkey', 2, 'turkey', STATE),
    A('kurdishmil', 'Kurdish militias', 1, null, ARMED),
    C('pkkclaim', 'links to the PKK (Kurdistan Workers’ Party)', 1, 'turkey2'),
    A('pkk', 'PKK', 1, null, ARMED),
    A('kwp', 'Kurdistan Workers’ Party', 1, null, ARMED),
    A('us1', 'U.S.', 1, null, STATE),
    A('kurdish2', 'Kurdish forces', 2, null, ARMED),
    A('isis', 'ISIS', 1, null, ARMED),
    A('kurds', 'Syrian Kurds', 1, null, ARMED),
    A('assadgov', 'Assad’s government', 1, 'syrian-government', STATE),
    N('millions', 'millions', 1, 1000000, 'at least', 'civilians', 'displaced'),
    A('assadforces2', 'Assad’s forces', 2, 'syrian-military', ARMED),
    A('turkey3', 'Turkey', 3, 'turkey', STATE),
    A('us2', 'U.S.', 2, null, STATE),
    A('russia6', 'Russia', 6, 'russia', STATE),
  ],
  '004_4ca62f903d1abc74': [
    A('milsyria', 'military of Syria', 1, 'syrian-military', ARMED),
    C('killed400', 'their joint airstrikes with Russia have resulted in the deaths of at least 400 militants in the last 24 hours', 1, 'milsyria'),
    A('russia1', 'Russia', 1, 'russia', STATE),
    N('n400', 'at least 400', 1, 400, 'at least', 'insurgents', 'casualties killed'),
    N('h24', '24 hours', 1, 24, 'exact', 'hours', 'duration'),
    A('putin1', 'Vladimir Putin', 1, 'vladimir-putin', PERSON),
    A('bashar', 'Bashar al-Assad', 1, 'bashar-al-assad', PERSON),
    A('hts', 'Hayat Tahrir al-Sham', 1, 'hayat-tahrir-al-sham', ARMED),
    A('sysmil1', 'Syria’s military', 1, 'syrian-military', ARMED),
    C('strongholds', 'Syrian and Russian airstrikes have predominantly targeted rebel strongholds within these two provinces', 1, 'sysmil1'),
    N('two1', 'two', 1, 2, 'exact', 'provinces', 'count'),
    A('helmets', 'White Helmets', 1, 'syrian-civil-defense', ORG),
    C('casualties', 'at least 25 individuals, including 10 children, have lost their lives due to strikes conducted by the Syrian government and Russia', 1, 'helmets'),
    N('n25', 'at least 25', 1, 25, 'at least', 'civilians', 'casualties killed'),
    N('n10', '10', 1, 10, 'exact', 'children', 'casualties killed'),
    A('syrgov', 'Syrian government', 1, 'syrian-government', STATE),
    A('russia3', 'Russia', 3, 'russia', STATE),
    A('putin2', 'Putin', 2, 'vladimir-putin', PERSON),
    A('pezeshkian1', 'Masoud Pezeshkian', 1, 'masoud-pezeshkian', PERSON),
    C('discussed', 'they discussed the “escalating situation” in Syria', 1, 'kremlin1'),
    A('kremlin1', 'Kremlin', 1, 'russia', STATE),
    C('undermine', 'as an effort to undermine the sovereignty, political, and socio-economic stability of the Syrian state', 1, 'putin2', 'pezeshkian1'),
    A('putin3', 'Putin', 3, 'vladimir-putin', PERSON),
    A('pezeshkian2', 'Pezeshkian', 2, 'masoud-pezeshkian', PERSON),
    A('kremlin2', 'Kremlin', 2, 'russia', STATE),
    A('peskov', 'Dmitry Peskov', 1, 'dmitry-peskov', PERSON),
    C('continue', 'We will, of course, continue to support (Syrian President) Bashar Assad, maintaining our communications at the proper level and evaluating the situation.', 1, 'peskov'),
    A('basharassad', 'Bashar Assad', 1, 'bashar-al-assad', PERSON),
    C('stance', 'A stance will be developed regarding the necessary actions to restore stability.', 1, 'peskov'),
    A('pezeshkian3', 'Pezeshkian', 3, 'masoud-pezeshkian', PERSON),
    A('assad3', 'Assad', 3, 'bashar-al-assad', PERSON),
    C('tehranclaim', 'Tehran is prepared to provide all necessary assistance to counter the insurgency', 1, 'pezeshkian3'),
    A('tehran', 'Tehran', 1, 'iran', STATE),
    A('sysmil2', 'Syria’s military', 2, 'syrian-military', ARMED),
    C('encircle', 'government forces were gearing up to encircle rebels in the rural districts of Aleppo, Hama, and Idlib', 1, 'sysmil2'),
    N('two2', 'two', 2, 2, 'exact', 'sources', 'count'),
    A('army1', 'Syrian army', 1, 'syrian-military', ARMED),
    A('reuters', 'Reuters', 1, 'reuters', MEDIA),
    C('infiltrated', 'Iranian-supported militant groups had infiltrated Syria from Iraq', 1, 'army1', 'reuters'),
    C('northward', 'the Iraqi militants were progressing northward to reinforce Syrian army units engaged in combat against rebels', 1, 'army1'),
    A('sohr', 'Syrian Observatory for Human Rights', 1, 'syrian-observatory-for-human-rights', ORG),
    C('crossed', 'approximately 200 Iraqi militia members, traveling in pickup trucks, crossed into Syria overnight via the strategically important Bou Kamal border point', 1, 'sohr'),
    N('n200', 'approximately 200', 1, 200, 'about', 'militia members', 'count'),
    C('deployed', 'They are anticipated to be deployed in Aleppo to aid the Syrian army’s efforts to repel the insurgents', 1, 'sohr'),
    A('israel', 'Israel', 1, null, STATE),
    A('hamas', 'Hamas', 1, null, ARMED),
    A('hezbollah', 'Hezbollah', 1, null, ARMED),
    A('iran3', 'Iran', 3, 'iran', STATE),
    A('russia4', 'Russia', 4, 'russia', STATE),
    A('turkey2', 'Turkey', 2, 'turkey', STATE),
    A('iran4', 'Iran', 4, 'iran', STATE),
    A('russia5', 'Russia', 5, 'russia', STATE),
    A('syrianstate', 'Syrian state', 1, 'syrian-government', STATE),
    A('administration', 'Syrian administration', 1, 'syrian-government', STATE),
    A('iraqimilitants', 'Iraqi militants', 1, null, ARMED),
    A('iraqimilitia', 'Iraqi militia', 1, null, ARMED),
    A('army2', 'Syrian army', 2, 'syrian-military', ARMED),
    A('army3', 'Syrian army', 3, 'syrian-military', ARMED),
  ],
};

const sha = (s) => createHash('sha256').update(s, 'utf8').digest('hex');
const sortKeys = (o) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
const show = process.argv.includes('--show');

rmSync(root, { recursive: true, force: true });
mkdirSync(join(root, 'documents'), { recursive: true });
mkdirSync(join(root, 'annotations', ANNOTATOR), { recursive: true });
copyFileSync(join(corpus, 'project.json'), join(root, 'project.json'));
let total = 0;
for (const [docId, entries] of Object.entries(DOCUMENTS)) {
  copyFileSync(join(corpus, 'documents', `${docId}.txt`), join(root, 'documents', `${docId}.txt`));
  copyFileSync(join(corpus, 'documents', `${docId}.json`), join(root, 'documents', `${docId}.json`));
  const text = readFileSync(join(corpus, 'documents', `${docId}.txt`), 'utf8');
  const byKey = new Map();
  const docNo = docId.slice(0, 3);
  const spans = entries.map((e, i) => {
    if (byKey.has(e.key)) throw new Error(`${docId}: key "${e.key}" is used twice`);
    let at = -1;
    for (let n = 0; n < e.occ; n++) {
      at = text.indexOf(e.quote, at + 1);
      if (at < 0) throw new Error(`${docId}: occurrence ${e.occ} of "${e.quote}" not found`);
    }
    const end = at + e.quote.length;
    if (show) console.log(`${docId} ${e.label.padEnd(6)} …${text.slice(Math.max(0, at - 25), at).replace(/\n/g, '⏎')}[${e.quote}]${text.slice(end, end + 15).replace(/\n/g, '⏎')}…`);
    const span = {
      id: `r${docNo}-${String(i + 1).padStart(3, '0')}`,
      start: at,
      end,
      label: e.label,
      quote: e.quote,
      prefix: text.slice(Math.max(0, at - 32), at),
      suffix: text.slice(end, end + 32),
      createdAt: when,
      updatedAt: when,
      ...(Object.keys(e.attributes).length ? { attributes: sortKeys(e.attributes) } : {}),
    };
    byKey.set(e.key, span);
    return span;
  });
  const relations = [];
  for (const e of entries) {
    for (const target of e.to) {
      const to = byKey.get(target);
      if (!to || to.label !== 'actor') throw new Error(`${docId}: claim "${e.key}" is attributed to "${target}", which is not an actor key`);
      relations.push({ id: `rel-${byKey.get(e.key).id}-${to.id}`, type: 'attributed_to', from: byKey.get(e.key).id, to: to.id, createdAt: when, updatedAt: when });
    }
  }
  // Same-range same-label twice is invalid; catch it here rather than in validate.
  const seen = new Set();
  for (const s of spans) {
    const k = `${s.start}:${s.end}:${s.label}`;
    if (seen.has(k)) throw new Error(`${docId}: "${s.quote}" (${s.label}) is tagged twice at ${s.start}`);
    seen.add(k);
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0) || (a.id < b.id ? -1 : 1));
  relations.sort((a, b) => (a.id < b.id ? -1 : 1));
  const file = { schemaVersion: 1, docId, textSha256: sha(text), annotator: ANNOTATOR, status: 'done', spans, relations, updatedAt: when };
  writeFileSync(join(root, 'annotations', ANNOTATOR, `${docId}.json`), `${JSON.stringify(file, null, 2)}\n`);
  const count = (l) => spans.filter((s) => s.label === l).length;
  console.log(`${docId}: ${count('claim')} claims, ${count('actor')} actors, ${count('number')} numbers, ${relations.length} attributions`);
  total += spans.length;
}
const entities = ENTITIES.map(([id, name, aliases]) => ({ id, name, aliases })).sort((a, b) => (a.id < b.id ? -1 : 1));
writeFileSync(join(root, 'entities.json'), `${JSON.stringify({ schemaVersion: 1, entities }, null, 2)}\n`);
console.log(`review-sample: ${total} spans by "${ANNOTATOR}", ${entities.length} entities`);
