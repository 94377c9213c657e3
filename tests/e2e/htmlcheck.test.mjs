// The HTML checker in lib.mjs checks every page the other suites fetch; this
// file makes sure it actually catches what it claims to, so a page passing
// it means something.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { checkHtml } from './lib.mjs';

const page = (body, head = '<title>t</title>') =>
	`<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n${head}\n</head>\n<body>\n<main>\n<h1>h</h1>\n${body}\n</main>\n</body>\n</html>\n`;

test('a good page passes', () => {
	assert.deepEqual(checkHtml(page('<p>a &amp; b &lt;c&gt; &#39;d&#39; &#x4e2d;</p>\n<form method="post" action="/x"><input type="hidden" name="csrf" value="t"><label for="f">F</label><input id="f" name="f" required></form>\n<br><img src="/a.png" alt="">')), []);
});

const BAD = [
	// [what, html, problem the checker must report]
	['no doctype', page('').replace('<!DOCTYPE html>\n', ''), /DOCTYPE/],
	['an unclosed element', page('<div><p>x</p>'), /never closed|closes <div>/],
	['crossed elements', page('<b><i>x</b></i>'), /closes <i>/],
	['a stray closing tag', page('</div>'), /closes/],
	['a closing tag for a void element', page('<br></br>'), /void element/],
	['a bare ampersand', page('<p>a & b</p>'), /bare '&'/],
	['an unknown entity', page('<p>&bogus;</p>'), /character reference/],
	['a bare < in text', page('<p>1 < 2</p>'), /'<' that does not open/],
	['an unescaped <script> from data', page('<td>x</td><script>alert(1)</script>'), /inline <script>/],
	['an unquoted attribute', page('<a href=/x>x</a>'), /'<' that does not open/],
	['a quote breaking out of an attribute', page('<input value="a"onfocus="x">'), /'<' that does not open|inline event handler/],
	['an event handler', page('<a href="/" onclick="x()">x</a>'), /inline event handler/],
	['a javascript: link', page('<a href="javascript:alert(1)">x</a>'), /javascript:/],
	['a duplicate id', page('<p id="a">x</p><p id="a">y</p>'), /duplicate id/],
	['a duplicate attribute', page('<p class="a" class="b">x</p>'), /duplicate attribute/],
	['a label for nothing', page('<label for="zz">x</label>'), /names no element/],
	['a POST form without a csrf field', page('<form method="post" action="/x"><button>go</button></form>'), /no csrf field/],
	['a nested form', page('<form method="get"><form method="get"></form></form>'), /nested <form>/],
	['a block inside a paragraph', page('<p><div>x</div></p>'), /<div> inside <p>/],
	['two bodies', page('</main></body><body><main>'), /exactly 1 <body>|exactly 1 <main>|closes/],
	['no title', page('', ''), /<title>/],
	['an empty title', page('', '<title></title>'), /<title>/],
	['no charset', page('').replace('<meta charset="utf-8">', ''), /charset/],
	['no lang', page('').replace(' lang="zh-CN"', ''), /lang/],
	['markup inside the title', page('', '<title><b>x</b></title>'), /raw '<' inside <title>/],
	['an unknown element', page('<blink>x</blink>'), /unknown element/],
	['an upper-case tag', page('<P>x</P>'), /upper-case/],
	['two h1', page('<h1>again</h1>'), /exactly 1 <h1>/],
	['a self-closed div', page('<div/>'), /self-closed/],
];

for (const [what, html, problem] of BAD) {
	test(`the checker catches ${what}`, () => {
		const problems = checkHtml(html);
		assert.ok(problems.some((p) => problem.test(p)), `expected ${problem}, got ${JSON.stringify(problems)}`);
	});
}
