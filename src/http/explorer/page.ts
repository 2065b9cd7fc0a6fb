import { ASSET_URLS } from './assets.js';

export interface ExplorerPageOptions {
  /** Path of the GraphQL endpoint (HTTP and WebSocket share it). */
  endpointPath: string;
  /** Initial contents of the headers editor (a JSON object as text). */
  headers: string;
  /** Initial contents of the query editor. */
  query: string;
}

export const DEFAULT_QUERY = `# boxoffice explorer: queries and mutations go over HTTP, subscriptions over WebSocket.
# Headers from the editor below reach both: "Authorization" becomes connectionParams.authorization
# and "Queue-Token" connectionParams.queueToken. Try:
#   mutation { issueQueueToken(concertId: "<id>") { token status position } }
# then put the token in a "Queue-Token" header and run
#   subscription { queuePosition(concertId: "<id>") { status position estimatedWaitSeconds } }
query Concerts {
  concerts {
    id
    title
    schedules {
      id
      startsAt
      availableSeatCount
    }
  }
}
`;

/** JSON that cannot close the script element it is embedded in. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * The explorer's HTML. The fetcher is built per operation because the headers editor can change
 * between runs, and a WebSocket's connectionParams are fixed once it opens.
 */
export function renderExplorerPage(options: ExplorerPageOptions): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>boxoffice explorer</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${ASSET_URLS.graphiqlStyle}">
<style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="graphiql">Loading the explorer...</div>
<script src="${ASSET_URLS.react}"></script>
<script src="${ASSET_URLS.reactDom}"></script>
<script src="${ASSET_URLS.graphiqlScript}"></script>
<script id="explorer-config" type="application/json">${scriptJson(options)}</script>
<script>
(function () {
  var options = JSON.parse(document.getElementById('explorer-config').textContent);
  var httpUrl = new URL(options.endpointPath, location.href).href;
  var wsUrl = httpUrl.replace(/^http/, 'ws');
  // Header names are case-insensitive but connectionParams keys are not: use the server's names.
  var PARAM_NAMES = { 'authorization': 'authorization', 'queue-token': 'queueToken' };
  function connectionParams(headers) {
    var params = {};
    Object.keys(headers || {}).forEach(function (name) {
      params[PARAM_NAMES[name.toLowerCase()] || name] = headers[name];
    });
    return params;
  }
  function fetcher(graphQLParams, fetcherOpts) {
    var headers = (fetcherOpts && fetcherOpts.headers) || {};
    var inner = GraphiQL.createFetcher({ url: httpUrl, subscriptionUrl: wsUrl, headers: headers, wsConnectionParams: connectionParams(headers) });
    // The toolkit would also copy the raw header names into connectionParams; they are given above.
    return inner(graphQLParams, Object.assign({}, fetcherOpts, { headers: {} }));
  }
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: options.query,
      defaultHeaders: options.headers,
      headers: options.headers,
      defaultEditorToolsVisibility: 'headers',
      shouldPersistHeaders: false
    })
  );
})();
</script>
</body>
</html>
`;
}
