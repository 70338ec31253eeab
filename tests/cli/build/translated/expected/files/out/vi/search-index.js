/* kitgen search index: generated, do not edit */
window.kitgenSearchIndex = {"lang": "vi", "parts": ["search-index/0.js?v=1023b6d1"]};
