// The online application form (/apply): the identity document is required of
// a natural person only, so its "required" follows the applicant type; a
// refused form puts the focus on the summary of what to correct. The server
// checks everything again (core/intake.c); without script the form works.
(function () {
	'use strict';
	var form = document.getElementById('apply-form');
	if (!form) return;
	var type = document.getElementById('a-applicant_type');
	var idType = document.getElementById('a-id_type');
	var idNumber = document.getElementById('a-id_number');
	function follow() {
		var person = type.value === 'natural_person';
		[idType, idNumber].forEach(function (el) {
			if (el) el.required = person;
		});
	}
	if (type) {
		type.addEventListener('change', follow);
		follow();
	}
	var summary = document.getElementById('error-summary');
	if (summary) summary.focus();
})();

// The human check (issue 13): find a nonce such that SHA-256 of
// "CHALLENGE:NONCE" begins with the challenge's number of zero bits
// (src/core/proof_of_work.h). It runs in slices so the page stays
// responsive; the question shown without script is hidden meanwhile, and a
// submit before the work is done waits for it.
(function () {
	'use strict';
	var form = document.getElementById('apply-form');
	var pow = document.getElementById('a-pow');
	var nonceField = document.getElementById('a-pow_nonce');
	var status = document.getElementById('pow-status');
	var question = document.getElementById('human-question');
	var answer = document.getElementById('a-answer');
	if (!form || !pow || !nonceField) return;
	var challenge = pow.value;
	var bits = Number(challenge.split('.')[2]);
	if (!(bits >= 0 && bits <= 32) || typeof Int32Array === 'undefined') return;

	var K = new Int32Array([
		0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
		0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
		0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
		0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
		0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
		0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
		0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
		0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2]);
	var W = new Int32Array(64), words = new Int32Array(64);

	// SHA-256 of the ASCII string S (under 250 characters): the first word
	// of the digest, enough to count up to 32 leading zero bits.
	function firstWord(s) {
		var n = s.length, blocks = ((n + 8) >> 6) + 1, i;
		words.fill(0, 0, blocks * 16);
		for (i = 0; i < n; i++) words[i >> 2] |= (s.charCodeAt(i) & 0xff) << (24 - (i & 3) * 8);
		words[n >> 2] |= 0x80 << (24 - (n & 3) * 8);
		words[blocks * 16 - 1] = n * 8;
		var h0 = 0x6a09e667, h1 = 0xbb67ae85 | 0, h2 = 0x3c6ef372, h3 = 0xa54ff53a | 0;
		var h4 = 0x510e527f, h5 = 0x9b05688c | 0, h6 = 0x1f83d9ab, h7 = 0x5be0cd19;
		for (var b = 0; b < blocks; b++) {
			for (i = 0; i < 16; i++) W[i] = words[b * 16 + i];
			for (i = 16; i < 64; i++) {
				var x = W[i - 15], y = W[i - 2];
				W[i] = (W[i - 16] + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) +
					W[i - 7] + (((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10))) | 0;
			}
			var a = h0, b1 = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7;
			for (i = 0; i < 64; i++) {
				var t1 = (h + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) +
					((e & f) ^ (~e & g)) + K[i] + W[i]) | 0;
				var t2 = ((((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) +
					((a & b1) ^ (a & c) ^ (b1 & c))) | 0;
				h = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b1; b1 = a; a = (t1 + t2) | 0;
			}
			h0 = (h0 + a) | 0; h1 = (h1 + b1) | 0; h2 = (h2 + c) | 0; h3 = (h3 + d) | 0;
			h4 = (h4 + e) | 0; h5 = (h5 + f) | 0; h6 = (h6 + g) | 0; h7 = (h7 + h) | 0;
		}
		return h0 >>> 0;
	}

	var limit = bits === 0 ? 4294967296 : Math.pow(2, 32 - bits);
	var prefix = challenge + ':';
	var next = 0, done = false, waiting = false;
	function say(text) {
		if (!status) return;
		status.hidden = false;
		status.textContent = text;
	}
	if (question) question.hidden = true;
	if (answer) answer.required = false;
	say('正在进行安全验证，无需操作……');
	function work() {
		var stop = next + 20000;
		for (; next < stop; next++) {
			if (firstWord(prefix + next) < limit) {
				nonceField.value = String(next);
				done = true;
				say('安全验证已完成。');
				if (waiting) {
					if (form.requestSubmit) form.requestSubmit();
					else form.submit();
				}
				return;
			}
		}
		setTimeout(work, 0);
	}
	// the filled-in form to print (a formaction button) submits nothing: it
	// needs no proof of work, and must not become a submission later; the
	// button pressed is remembered for browsers without ev.submitter
	var download = false;
	form.addEventListener('click', function (ev) {
		var button = ev.target.closest ? ev.target.closest('button') : null;
		download = !!(button && button.hasAttribute('formaction'));
	}, true);
	form.addEventListener('submit', function (ev) {
		var toPrint = ev.submitter ? ev.submitter.hasAttribute('formaction') : download;
		download = false;
		if (done || toPrint) return;
		ev.preventDefault();
		waiting = true;
		say('正在完成安全验证，完成后将自动提交，请稍候……');
	});
	setTimeout(work, 0);
})();
