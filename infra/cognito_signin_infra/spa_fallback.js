// CloudFront Function (viewer request) on the site's default behavior only.
// A path whose last segment has no dot is a client route (/signup,
// /confirm, /): serve the SPA's index.html for it. Files (/app-1a2b.wasm,
// /config.json) pass through. Unlike distribution-wide custom error
// responses, this never rewrites /hello's 401 or 5XX into index.html.
function handler(event) {
  var request = event.request;
  var last = request.uri.substring(request.uri.lastIndexOf('/') + 1);
  if (last.indexOf('.') === -1) {
    request.uri = '/index.html';
  }
  return request;
}
