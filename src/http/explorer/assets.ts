import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** One installed package directory served as-is under `/explorer/assets/<name>@<version>/`. */
export interface AssetPackage {
  urlPath: string;
  dir: string;
}

/**
 * The explorer's browser assets, straight from installed npm packages so the page needs no CDN
 * and nothing minified is committed. The version is in the URL so a long cache never serves a
 * stale bundle after an upgrade.
 */
function assetPackage(name: string, subdir: string): AssetPackage {
  const manifest = require.resolve(`${name}/package.json`);
  const { version } = require(manifest) as { version: string };
  return { urlPath: `/explorer/assets/${name}@${version}`, dir: join(dirname(manifest), subdir) };
}

export const ASSET_PACKAGES = {
  // graphiql 4 is the last major with a UMD build; it bundles the graphql-ws client.
  graphiql: assetPackage('graphiql', 'dist'),
  // React 19 dropped UMD builds, so the page uses React 18 (graphiql 4 accepts ^18 || ^19).
  react: assetPackage('react', 'umd'),
  reactDom: assetPackage('react-dom', 'umd'),
};

export const ASSET_URLS = {
  graphiqlScript: `${ASSET_PACKAGES.graphiql.urlPath}/index.umd.js`,
  graphiqlStyle: `${ASSET_PACKAGES.graphiql.urlPath}/style.css`,
  react: `${ASSET_PACKAGES.react.urlPath}/react.production.min.js`,
  reactDom: `${ASSET_PACKAGES.reactDom.urlPath}/react-dom.production.min.js`,
};
