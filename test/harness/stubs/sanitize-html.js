// n8n's Wait node loads sanitize-html for its form pages only; sanitize-html's own dependency is an ES
// module that Jest cannot require on Node 20. The tests never render forms, so under Jest this
// stand-in is loaded instead (jest.config.js). Outside Jest (the demo, the benchmarks) the real one is.
'use strict';

function sanitizeHtml(text) {
	return String(text ?? '');
}
sanitizeHtml.simpleTransform = () => () => ({});

module.exports = sanitizeHtml;
module.exports.default = sanitizeHtml;
