/**
 * What the gateway serves as its web application until `web/dist` is built: where to log in and out, in Danish
 * first and English second, no script.
 */
export function renderPlaceholderPage(): string {
  return `<!doctype html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Aftalesystemet</title>
</head>
<body>
<main>
<h1>Aftalesystemet</h1>
<p>Webapplikationen er ikke bygget på denne gateway endnu (<code>web/dist</code> mangler). Login virker:
<a href="/auth/login?returnTo=%2F">log ind</a>.</p>
<div lang="en">
<h2>The agreements system</h2>
<p>The web application is not built on this gateway yet (<code>web/dist</code> is missing). Sign-in works:
<a href="/auth/login?returnTo=%2F">sign in</a>.</p>
</div>
</main>
</body>
</html>
`;
}
