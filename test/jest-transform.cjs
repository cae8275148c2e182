/**
 * Jest transformer: TypeScript (ours) and ESM JavaScript (NestJS 12 packages) to CommonJS.
 *
 * Jest on Node < 24.9 cannot require() ES modules, and NestJS 12 ships ESM only, so its
 * files are transpiled here. Type checking is not done here (see `npm run typecheck`).
 */
const { createHash } = require('node:crypto');
const { existsSync, readFileSync } = require('node:fs');
const { dirname, join } = require('node:path');
const ts = require('typescript');

const OWN_SOURCE = readFileSync(__filename, 'utf8');

const compilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  allowJs: true,
  inlineSourceMap: true,
  inlineSources: true,
};

/** import.meta does not exist in CommonJS; NestJS uses it for what CommonJS already has. */
function withoutImportMeta(source) {
  return source
    .replace(/\bconst (require|__filename|__dirname) = [^;\n]*import\.meta\.url[^;\n]*;/g, '')
    .replace(/import\.meta\.dirname/g, '__dirname')
    .replace(/import\.meta\.resolve\(/g, 'require.resolve(')
    .replace(/\bcreateRequire\(import\.meta\.url\)/g, 'require')
    .replace(/import\.meta\.url/g, "require('url').pathToFileURL(__filename).href");
}

const packageTypeOfDirectory = new Map();

/** Whether Node would load `filename` as an ES module (nearest package.json says "type": "module"). */
function isEsModule(filename) {
  if (filename.endsWith('.mjs')) return true;
  for (let directory = dirname(filename); directory !== dirname(directory); directory = dirname(directory)) {
    if (packageTypeOfDirectory.has(directory)) return packageTypeOfDirectory.get(directory);
    const manifest = join(directory, 'package.json');
    if (existsSync(manifest)) {
      const esm = JSON.parse(readFileSync(manifest, 'utf8')).type === 'module';
      packageTypeOfDirectory.set(directory, esm);
      return esm;
    }
  }
  return false;
}

module.exports = {
  process(source, filename) {
    if (filename.includes('node_modules')) {
      if (!isEsModule(filename)) return { code: source };
      source = withoutImportMeta(source);
    }
    const code = source;
    const { outputText } = ts.transpileModule(code, { fileName: filename, compilerOptions });
    return { code: outputText };
  },
  getCacheKey(source, filename) {
    return createHash('sha1').update(OWN_SOURCE).update(filename).update(source).digest('hex');
  },
};
