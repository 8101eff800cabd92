import type { ExampleSpec } from './spec.js';

export const markup: ExampleSpec[] = [
  {
    id: 'markup-html-closing-tag-bpe',
    genre: 'markup',
    language: 'html',
    family: 'b',
    pattern: 'closing-tag',
    pieces: '< p > Hello Ġ< b > world </^9 b^8 > </^10 p^8 > Ċ < li > Item </^10 li^9 >',
    explanation:
      'Closing HTML tags: the `</` piece (9–10) and the tag name after it (8–9). Opening tags such as `<p>` and `<b>`, and the text between tags, stay at 0.',
  },
  {
    id: 'markup-xml-closing-tag-sentencepiece',
    genre: 'markup',
    language: 'xml',
    family: 's',
    pattern: 'closing-tag',
    pieces: '< book >< title > Dune </^10 title^9 >< year > 1 9 6 5 </^10 year^8 ></^9 book^8 >',
    explanation:
      'End tags in XML: `</` (9–10) and the element name it closes (8–9). Start tags, element text and numbers get 0.',
  },
  {
    id: 'markup-html-closing-tag-wordpiece',
    genre: 'markup',
    language: 'html',
    family: 'w',
    pattern: 'closing-tag',
    pieces: '< div > < span > note < /^10 span^8 > < /^10 div^9 >',
    explanation:
      'The slash and name of closing tags in HTML (`/` 10, `span`/`div` 8–9). The same names inside opening tags, and the tag contents, stay at 0.',
  },
  {
    id: 'markup-json-key-bpe',
    genre: 'markup',
    language: 'json',
    family: 'b',
    pattern: 'json-key',
    pieces: '{" name^10 ": Ġ" Ada ", Ġ" age^9 ": Ġ36 , Ġ" languages^10 ": Ġ[" en "]}',
    explanation:
      'Keys of JSON objects (`name`, `languages` 10; `age` 9). String values, numbers, quotes and braces stay at 0, so the factor separates keys from values.',
  },
  {
    id: 'markup-json-key-sentencepiece',
    genre: 'markup',
    language: 'json',
    family: 's',
    pattern: 'json-key',
    pieces: '{ " id^9 ": ▁ 4 2 , ▁" status^10 ": ▁" active ", ▁" tags^9 ": ▁[] }',
    explanation:
      'The key names of a JSON object (9–10), not the values after the colon. Punctuation, numbers and the string value `active` get 0.',
  },
  {
    id: 'markup-yaml-key-wordpiece',
    genre: 'markup',
    language: 'yaml',
    family: 'w',
    pattern: 'json-key',
    pieces: 'version^8 : 3 services^10 : web^6 : image^9 : ng ##in ##x ports^9 : 80',
    explanation:
      'Mapping keys in YAML, the words before a colon (8–10; the nested service name `web` 6). Values such as `nginx` and `80`, and the colons, stay at 0.',
  },
  {
    id: 'markup-markdown-heading-bpe',
    genre: 'markup',
    language: 'markdown',
    family: 'b',
    pattern: 'heading-marker',
    pieces: '#^10 ĠInstallation Ċ Run Ġthe Ġinstaller . ĊĊ ##^9 ĠUsage Ċ Call Ġ` run ()`',
    explanation:
      'Markdown heading markers at the start of a line (`#` 10, `##` 9). The heading words, body text and inline code stay at 0.',
  },
  {
    id: 'markup-markdown-heading-sentencepiece',
    genre: 'markup',
    language: 'markdown',
    family: 's',
    pattern: 'heading-marker',
    pieces: '#^10 ▁Intro <0x0A> Some ▁text <0x0A> ##^9 ▁Details <0x0A> ###^8 ▁Notes',
    explanation:
      'Runs of `#` that open Markdown headings (8–10, fewer `#` slightly higher). Heading titles and paragraph text get 0.',
  },
  {
    id: 'markup-markdown-heading-wordpiece',
    genre: 'markup',
    language: 'markdown',
    family: 'w',
    pattern: 'heading-marker',
    pieces: '[CLS] #^10 results the model improved . #^9 # methods we trained [SEP]',
    explanation:
      'The `#` characters that mark a Markdown heading (9–10), including the first `#` of `##`; the second `#` of the pair, the heading words and the body text stay at 0.',
  },
];
