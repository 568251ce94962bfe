/**
 * ISO 4217 codes an invoice can be in: the active currencies, without the fund codes (BOV, CHE,
 * CHW, CLF, COU, MXV, USN, UYI, UYW), precious metals, SDR and test codes (XAU, XDR, XTS, XXX, ...),
 * which no customer is billed in. ANG and BGN were withdrawn in 2025-2026 (replaced by XCG and
 * EUR) but stay accepted: ledgers still hold open items booked in them.
 */
const CODES = `
AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD
CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD
GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT
LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR
NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP
STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VED VES VND VUV WST XAF XCD
XCG XOF XPF YER ZAR ZMW ZWG
`;

export const CURRENCY_CODES: ReadonlySet<string> = new Set(CODES.split(/\s+/).filter(Boolean));

export function isCurrencyCode(code: string): boolean {
  return CURRENCY_CODES.has(code);
}
