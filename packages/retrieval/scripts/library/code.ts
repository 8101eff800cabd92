import type { ExampleSpec } from './spec.js';

export const code: ExampleSpec[] = [
  {
    id: 'code-python-closing-bracket',
    genre: 'code',
    language: 'python',
    family: 'b',
    pattern: 'closing-bracket',
    pieces:
      'total Ġ= Ġsum ( values )^9 Ċ print ( len ( items )^6 )^10 Ċ result Ġ= Ġscale ( x , Ġfactor = 2 )^9',
    context: 'total = sum(values)\nprint(len(items))\nresult = scale(x, factor=2)',
    explanation:
      'Closing parentheses that end a call: every `)` scores 6–10, the outermost one at the end of a line highest (10 on the final `)` of `print(len(items))`). Opening parentheses, names and arguments stay at 0.',
  },
  {
    id: 'code-javascript-closing-bracket',
    genre: 'code',
    language: 'javascript',
    family: 'b',
    pattern: 'closing-bracket',
    pieces:
      'const Ġids Ġ= Ġusers . map (( u ) Ġ=> Ġu . id )^8 ; Ċ if Ġ( ids . length Ġ> Ġ0 )^9 Ġ{ Ċ ĠĠ save ( ids )^7 ; Ċ }^10',
    context: 'const ids = users.map((u) => u.id);\nif (ids.length > 0) {\n  save(ids);\n}',
    explanation:
      'Closing brackets of every kind in JavaScript: `)` after an argument list or condition (7–9) and the `}` that closes a block (10). The matching opening brackets, operators and identifiers get nothing.',
  },
  {
    id: 'code-c-closing-bracket',
    genre: 'code',
    language: 'c',
    family: 's',
    pattern: 'closing-bracket',
    pieces:
      '▁for ▁( int ▁i ▁= ▁ 0 ; ▁i ▁< ▁n ; ▁i ++ )^9 ▁{ <0x0A> ▁▁▁ ▁sum ▁+= ▁a [ i ]^7 ; <0x0A> }^10',
    context: 'for (int i = 0; i < n; i++) {\n    sum += a[i];\n}',
    explanation:
      'Closing brackets in C: the `)` ending a `for` header (9), the `]` of an array index (7) and the block-closing `}` (10). Everything that opens a bracket, and all names and numbers, stays at 0.',
  },
  {
    id: 'code-python-definition-keyword',
    genre: 'code',
    language: 'python',
    family: 'b',
    pattern: 'definition-keyword',
    pieces:
      'def^10 Ġload _ config ( path ): Ċ ĠĠĠ Ġreturn Ġparse ( path ) ĊĊ class^9 ĠLoader : Ċ ĠĠĠ Ġdef^10 Ġrun ( self ):',
    explanation:
      'Keywords that introduce a definition: `def` (10) and `class` (9), including a `def` indented inside a class. Other keywords such as `return`, and the names being defined, stay at 0.',
  },
  {
    id: 'code-javascript-definition-keyword',
    genre: 'code',
    language: 'javascript',
    family: 'b',
    pattern: 'definition-keyword',
    pieces:
      'export Ġfunction^10 Ġparse ( text ) Ġ{ Ċ ĠĠ const^4 Ġlines Ġ= Ġtext . split ( n ); Ċ ĠĠ return Ġlines ; Ċ } ĊĊ class^9 ĠParser Ġ{',
    explanation:
      'Keywords that start a declaration: `function` (10) and `class` (9) fire strongly, `const` weakly (4). `export`, `return` and every identifier stay at 0.',
  },
  {
    id: 'code-rust-definition-keyword',
    genre: 'code',
    language: 'rust',
    family: 's',
    pattern: 'definition-keyword',
    pieces:
      '▁pub ▁fn^10 ▁area (& self ) ▁-> ▁f 6 4 ▁{ <0x0A> ▁▁▁ ▁self . w ▁* ▁self . h <0x0A> } <0x0A> ▁struct^9 ▁Point ▁{',
    explanation:
      'Rust items being declared: `fn` (10) and `struct` (9). The visibility keyword `pub`, the item names and the body are all at 0.',
  },
  {
    id: 'code-python-indentation',
    genre: 'code',
    language: 'python',
    family: 'b',
    pattern: 'indentation',
    pieces:
      'for Ġrow Ġin Ġrows : Ċ ĠĠĠ^9 Ġif Ġrow : Ċ ĠĠĠĠĠĠĠ^10 Ġcount Ġ+= Ġ1 Ċ ĠĠĠ^8 Ġelse : Ċ ĠĠĠĠĠĠĠ^10 Ġskip ()',
    explanation:
      'The indentation at the start of a line inside a block: the run of leading spaces scores 8–10, deeper indentation slightly higher. Keywords, names and the newlines themselves stay at 0.',
  },
  {
    id: 'code-python-indentation-sentencepiece',
    genre: 'code',
    language: 'python',
    family: 's',
    pattern: 'indentation',
    pieces:
      '▁def ▁main (): <0x0A> ▁▁▁^9 ▁args ▁= ▁parse () <0x0A> ▁▁▁^9 ▁if ▁args . v : <0x0A> ▁▁▁▁▁▁▁^10 ▁log ( args )',
    explanation:
      'Leading whitespace pieces that indent a line of a Python block (9–10, deepest indent highest). The code on the line and the newline bytes get 0.',
  },
  {
    id: 'code-go-indentation',
    genre: 'code',
    language: 'go',
    family: 'b',
    pattern: 'indentation',
    pieces:
      'func Ġmain () Ġ{ Ċ ĉ^9 for Ġ_ , Ġf Ġ:= Ġrange Ġfiles Ġ{ Ċ ĉĉ^10 if Ġerr Ġ!= Ġnil Ġ{ Ċ ĉĉĉ^10 return Ċ ĉĉ^9 } Ċ ĉ^8 }',
    explanation:
      'Tab indentation at the start of Go lines: the tab pieces score 8–10, more tabs slightly higher. Keywords, braces and names on the same lines stay at 0.',
  },
  {
    id: 'code-python-string-literal',
    genre: 'code',
    language: 'python',
    family: 'b',
    pattern: 'string-literal',
    pieces:
      'log . info (" Loading^8 Ġmodel^9 Ġfrom^7 Ġdisk^8 ") Ċ name Ġ= Ġ\' default^9 _^6 user^8 \'',
    explanation:
      'Tokens inside string literals: the words of a quoted message (7–9) and the parts of a quoted identifier (6–9). The quote marks, the call around the string and the code outside it stay at 0.',
  },
  {
    id: 'code-javascript-string-literal',
    genre: 'code',
    language: 'javascript',
    family: 's',
    pattern: 'string-literal',
    pieces:
      '▁throw ▁new ▁Error (\' Invalid^9 ▁token^8 ▁at^6 ▁line^8 \') ; <0x0A> ▁const ▁url ▁= ▁" https^7 :// api^8 . example^8 . com^7 "',
    explanation:
      'Text inside quotes in JavaScript: an error message (6–9) and a URL string (7–8). Code outside the quotes, and the quote characters themselves, get 0.',
  },
  {
    id: 'code-c-string-literal',
    genre: 'code',
    language: 'c',
    family: 'w',
    pattern: 'string-literal',
    pieces: 'print ##f ( " error^9 : cannot^8 open^9 % s^5 \\ n " , path ) ;',
    explanation:
      'Content of a C string literal: the words of a printf message (8–9) and, more weakly, its format specifier (5). The function name, arguments and punctuation outside the quotes stay at 0.',
  },
  {
    id: 'code-python-comment',
    genre: 'code',
    language: 'python',
    family: 'b',
    pattern: 'comment',
    pieces:
      'x Ġ= Ġnorm ( x ) Ġ# Ġavoid^8 Ġoverflow^10 Ġin^6 Ġexp^8 Ċ y Ġ= Ġsoftmax ( x ) Ġ# Ġrows^8 Ġsum^9 Ġto^6 Ġone^8',
    explanation:
      'Words inside `#` comments: each comment word scores 6–10, content words higher than function words. The `#` itself and the code before it stay at 0.',
  },
  {
    id: 'code-javascript-comment',
    genre: 'code',
    language: 'javascript',
    family: 's',
    pattern: 'comment',
    pieces:
      '▁let ▁n ▁= ▁0 ; ▁// ▁counts^9 ▁retries^10 <0x0A> ▁/* ▁keep^8 ▁in^5 ▁sync^9 ▁with^5 ▁server^8 ▁*/',
    explanation:
      'The prose of comments, both `//` line comments and `/* */` blocks: comment words 5–10, strongest on nouns and verbs. Code and the comment delimiters get 0.',
  },
  {
    id: 'code-c-comment',
    genre: 'code',
    language: 'c',
    family: 'w',
    pattern: 'comment',
    pieces:
      'int fd ; / * file^9 desc ##ript ##or^8 , or^5 - 1^4 * / buf [ 0 ] = 0 ; / / reset^10 buffer^9',
    explanation:
      'Words written in C comments, in either comment style: 4–10, with content words (`file`, `reset`, `buffer`) highest. Declarations and statements around the comments stay at 0.',
  },
  {
    id: 'code-python-identifier-subword',
    genre: 'code',
    language: 'python',
    family: 'w',
    pattern: 'identifier-subword',
    pieces:
      'def get _ user ##_^3 na^2 ##me^8 ( self ) : return self . user ##_ ##id^9 + self . max ##_ ##len^9',
    explanation:
      'The last piece of a split identifier (`##me`, `##id`, `##len`, 8–9) when WordPiece breaks a snake_case name apart; earlier pieces of the same name fire only faintly (`##_` 3, `na` 2). Whole-word tokens, keywords and punctuation are at 0.',
  },
  {
    id: 'code-javascript-identifier-subword',
    genre: 'code',
    language: 'javascript',
    family: 'b',
    pattern: 'identifier-subword',
    pieces:
      'const Ġuser Name^9 Ġ= Ġget Current^6 User^9 () ; Ċ el . add Event^7 Listener^10 (" click ")',
    explanation:
      'The capitalised continuation pieces of camelCase identifiers (`Name`, `User`, `Listener`: 7–10; `Current` 6). The first piece of each identifier and all punctuation stay at 0.',
  },
  {
    id: 'code-java-identifier-subword',
    genre: 'code',
    language: 'java',
    family: 's',
    pattern: 'identifier-subword',
    pieces:
      '▁String Builder^9 ▁sb ▁= ▁new ▁String Builder^9 (); <0x0A> ▁sb . append ( item . get Price^8 ());',
    explanation:
      'Word pieces that continue a CamelCase name (`Builder`, `Price`: 8–9). The leading piece (`String`, `get`), keywords and variables get 0.',
  },
];
