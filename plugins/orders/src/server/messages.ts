import { defineMessages } from '@bureau/core';

/** What orders tells people, in both languages (problems, field errors, transition refusals). */
export const m = defineMessages('orders', {
  unknown_party: {
    en: 'No such company or person in the address book',
    cs: 'Taková firma nebo osoba v adresáři není',
  },
  sku_taken: { en: 'SKU {sku} is taken already', cs: 'Kód zboží {sku} už je použitý' },
  gtin_taken: { en: 'GTIN {gtin} belongs to another product', cs: 'GTIN {gtin} patří jinému zboží' },
  invalid_gtin: {
    en: 'GTIN {gtin} has a wrong check digit',
    cs: 'GTIN {gtin} má chybnou kontrolní číslici',
  },
  invalid_vat_rate: {
    en: 'VAT rate {rate} is not a Czech rate (standard, reduced, zero, exempt, or 21 / 12 / 0)',
    cs: 'Sazba DPH {rate} není česká sazba (základní, snížená, nulová, osvobozeno, nebo 21 / 12 / 0)',
  },
  product_not_found: { en: 'No such product', cs: 'Takové zboží neexistuje' },
  unknown_product: { en: 'Unknown product', cs: 'Neznámé zboží' },
  inactive_product: { en: 'Product {sku} is not sold any more', cs: 'Zboží {sku} se už neprodává' },
  invalid_quantity: {
    en: 'Quantity must be more than zero',
    cs: 'Množství musí být větší než nula',
  },
  whole_units: {
    en: '{sku} is counted in whole units',
    cs: '{sku} se počítá v celých kusech',
  },
  zero_quantity: { en: 'Quantity must not be zero', cs: 'Množství nesmí být nula' },
  lot_required: {
    en: '{sku} is tracked by lot or serial number: say which',
    cs: '{sku} se eviduje po šaržích nebo sériových číslech: uveďte které',
  },
  serial_quantity: {
    en: 'A serial number is one unit',
    cs: 'Sériové číslo je jeden kus',
  },
  kit_not_stocked: {
    en: 'A kit has no stock of its own: move its components',
    cs: 'Sada nemá vlastní zásobu: pohybujte jejími součástmi',
  },
  kit_component_kit: {
    en: 'A kit cannot contain another kit or itself',
    cs: 'Sada nemůže obsahovat jinou sadu ani sebe',
  },
  variant_not_found: {
    en: 'The product this is a variant of does not exist',
    cs: 'Zboží, jehož je toto variantou, neexistuje',
  },
  insufficient_stock: {
    en: '{count, plural, one {# line is} other {# lines are}} short of stock: {lines}',
    cs: '{count, plural, one {Na # řádku chybí} few {Na # řádcích chybí} many {Na # řádku chybí} other {Na # řádcích chybí}} zásoba: {lines}',
  },
  stock_short: {
    en: 'Not enough stock: {available} available',
    cs: 'Nedostatek zásoby: k dispozici {available}',
  },
  location_not_found: { en: 'No such location', cs: 'Takové skladové místo neexistuje' },
  location_not_bin: {
    en: 'Stock is kept in bins; this location is for {kind}',
    cs: 'Zásoba se vede v regálových místech; toto místo je pro {kind}',
  },
  warehouse_not_found: { en: 'No such warehouse', cs: 'Takový sklad neexistuje' },
  code_taken: { en: 'Code {code} is taken already', cs: 'Kód {code} už je použitý' },
  order_not_found: { en: 'No such order', cs: 'Taková objednávka neexistuje' },
  price_missing: {
    en: '{sku} has no price in {currency}',
    cs: '{sku} nemá cenu v měně {currency}',
  },
  party_not_found: { en: 'No such customer in the address book', cs: 'Takový zákazník v adresáři není' },
  order_not_editable: {
    en: 'Only a draft order can be changed',
    cs: 'Měnit lze jen rozpracovanou objednávku',
  },
  not_picking: {
    en: 'The order is not being picked',
    cs: 'Objednávka se právě nevychystává',
  },
  wrong_item: {
    en: 'Code {code} is not on this order',
    cs: 'Kód {code} na této objednávce není',
  },
  unknown_barcode: {
    en: 'Code {code} belongs to no product',
    cs: 'Kód {code} nepatří žádnému zboží',
  },
  already_picked: {
    en: '{sku} is picked in full already',
    cs: '{sku} je už vychystáno celé',
  },
  nothing_picked: {
    en: 'Nothing was picked: pick the goods first',
    cs: 'Nic nebylo vychystáno: nejdřív vychystejte zboží',
  },
  no_packages: {
    en: 'Pack the goods into at least one package first',
    cs: 'Nejdřív zboží zabalte alespoň do jednoho balíku',
  },
  no_label: {
    en: 'Labels exist once the order is packed',
    cs: 'Štítky existují až po zabalení objednávky',
  },
  no_receipt: {
    en: 'This order has no receipt: it was invoiced through accounting or not yet',
    cs: 'Tato objednávka nemá účtenku: fakturovala se přes účetnictví, nebo ještě ne',
  },
  pickup_point_missing: {
    en: '{count, plural, one {# order has} other {# orders have}} no Packeta pickup point and no home-delivery carrier was given: {orders}',
    cs: '{count, plural, one {# objednávka nemá} few {# objednávky nemají} many {# objednávky nemá} other {# objednávek nemá}} výdejní místo Zásilkovny a nebyl zadán dopravce pro doručení domů: {orders}',
  },
  tracking_unreadable: {
    en: 'The file has no column of order numbers and barcodes (Order number, Barcode)',
    cs: 'Soubor nemá sloupec čísel objednávek a čárových kódů (Číslo objednávky, Čárový kód)',
  },
  tracking_rejected: {
    en: '{count, plural, one {# line} other {# lines}} of the file cannot be used; nothing was saved',
    cs: '{count, plural, one {# řádek} few {# řádky} many {# řádku} other {# řádků}} souboru nelze použít; nic se neuložilo',
  },
  tracking_unknown_packet: {
    en: 'Line {line}: no package {number} waiting for a tracking number',
    cs: 'Řádek {line}: žádný balík {number} nečeká na číslo zásilky',
  },
  tracking_missing: { en: 'Line {line}: no barcode', cs: 'Řádek {line}: chybí čárový kód' },
  no_lines: { en: 'An order needs at least one line', cs: 'Objednávka potřebuje alespoň jeden řádek' },
  count_posted: { en: 'The count was posted already', cs: 'Inventura už byla zaúčtována' },
  backorder_note: {
    en: 'Backorder of {number}',
    cs: 'Nedodaná část objednávky {number}',
  },
  not_returnable: {
    en: 'Only a shipped or delivered order can be returned',
    cs: 'Vrátit lze jen odeslanou nebo doručenou objednávku',
  },
  return_exceeds: {
    en: 'At most {returnable} of {sku} can still be returned',
    cs: 'Z {sku} lze vrátit nejvýš {returnable}',
  },
  nothing_returnable: {
    en: 'Nothing of this order is left to return',
    cs: 'Z této objednávky už nic nezbývá k vrácení',
  },
  return_line_unknown: {
    en: 'That line is not on this order',
    cs: 'Tento řádek na objednávce není',
  },
  receive_exceeds: {
    en: '{sku}: {received} received of {authorised} authorised',
    cs: '{sku}: přijato {received} z povolených {authorised}',
  },
  nothing_received: {
    en: 'Nothing was received: enter what came back, or cancel the return',
    cs: 'Nic nebylo přijato: zadejte, co se vrátilo, nebo vratku zrušte',
  },
  return_not_found: { en: 'No such return', cs: 'Taková vratka neexistuje' },
  location_other_warehouse: {
    en: 'That bin is in another warehouse than the order',
    cs: 'Toto místo je v jiném skladu než objednávka',
  },
  purchase_not_found: { en: 'No such purchase order', cs: 'Taková nákupní objednávka neexistuje' },
  cost_required: {
    en: '{sku} has no cost: give the unit cost',
    cs: '{sku} nemá nákupní cenu: zadejte ji',
  },
  not_ordered: {
    en: 'Goods are received only against an ordered purchase order',
    cs: 'Zboží se přijímá jen na odeslanou nákupní objednávku',
  },
  purchase_line_unknown: {
    en: 'That line is not on this purchase order',
    cs: 'Tento řádek na nákupní objednávce není',
  },
  receipt_exceeds: {
    en: 'Only {open} of {sku} is still expected',
    cs: 'Z {sku} se očekává už jen {open}',
  },
  accounting_disabled: {
    en: 'Bills are recorded in accounting: enable the accounting module',
    cs: 'Faktury přijaté se evidují v účetnictví: zapněte modul účetnictví',
  },
  nothing_to_bill: {
    en: 'Everything received is billed already',
    cs: 'Vše přijaté už je vyfakturováno',
  },
  run_not_found: { en: 'No such delivery run', cs: 'Taková rozvozová trasa neexistuje' },
  stop_not_found: { en: 'No such stop on this run', cs: 'Taková zastávka na této trase není' },
  not_a_driver: {
    en: 'This member is not a driver (needs the permission to deliver)',
    cs: 'Tento člen není řidič (potřebuje oprávnění doručovat)',
  },
  not_your_run: { en: 'This run belongs to another driver', cs: 'Tato trasa patří jinému řidiči' },
  unknown_order: { en: 'No such order', cs: 'Taková objednávka neexistuje' },
  order_not_courier: {
    en: 'Order {number} does not go by own courier',
    cs: 'Objednávka {number} se neveze vlastním kurýrem',
  },
  order_not_packed: {
    en: 'Order {number} is not packed (or is delivered already)',
    cs: 'Objednávka {number} není zabalená (nebo je už doručená)',
  },
  order_already_planned: {
    en: 'Order {number} is waiting on another run already',
    cs: 'Objednávka {number} už čeká na jiné trase',
  },
  not_a_permutation: {
    en: 'Give every stop of the run exactly once',
    cs: 'Uveďte každou zastávku trasy právě jednou',
  },
  run_not_planned: { en: 'The run has left already', cs: 'Trasa už vyjela' },
  run_not_out: { en: 'The run is not out for delivery', cs: 'Trasa není na cestě' },
  run_empty: { en: 'The run has no stops', cs: 'Trasa nemá žádné zastávky' },
  stops_pending: {
    en: '{count, plural, one {# stop is} other {# stops are}} still waiting',
    cs: '{count, plural, one {# zastávka ještě čeká} few {# zastávky ještě čekají} many {# zastávky ještě čeká} other {# zastávek ještě čeká}}',
  },
  stop_not_pending: { en: 'This stop is finished already', cs: 'Tato zastávka je už vyřízená' },
  note_required: { en: 'Say what happened', cs: 'Napište, co se stalo' },
  cod_mismatch: {
    en: 'Collected {collected}, the order asks {due}: confirm the difference',
    cs: 'Vybráno {collected}, objednávka žádá {due}: potvrďte rozdíl',
  },
  cash_difference: {
    en: 'Handed over {handed}, the stops collected {collected}: confirm the difference with a note',
    cs: 'Odevzdáno {handed}, na zastávkách vybráno {collected}: potvrďte rozdíl s poznámkou',
  },
  proof_not_image: {
    en: 'The proof of delivery must be a PNG, JPEG or WebP image',
    cs: 'Doklad o doručení musí být obrázek PNG, JPEG nebo WebP',
  },
  three_decimals: { en: 'At most three decimals', cs: 'Nejvýše tři desetinná místa' },
});
