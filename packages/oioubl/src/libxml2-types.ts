/** libxml2-wasm's types, imported once: it is an ES module, this package CommonJS. */
export type {
  XmlDocument,
  XmlInputProvider,
  XmlNode,
  XsdValidator,
} from 'libxml2-wasm' with { 'resolution-mode': 'import' };
export type Libxml2Module = typeof import('libxml2-wasm', { with: { 'resolution-mode': 'import' } });
