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
