/** libxml2-wasm's types, imported once: it is an ES module, this package CommonJS. */
import type { ParseOption, XmlDocument, XmlInputProvider, XsdValidator } from 'libxml2-wasm' with {
  'resolution-mode': 'import',
};

export type { ParseOption, XmlDocument, XmlInputProvider, XmlNode, XsdValidator } from 'libxml2-wasm' with {
  'resolution-mode': 'import',
};

/** The parts of the libxml2-wasm module this package uses. */
export interface Libxml2Module {
  readonly XmlDocument: typeof XmlDocument;
  readonly XsdValidator: typeof XsdValidator;
  readonly ParseOption: typeof ParseOption;
  readonly xmlRegisterInputProvider: (provider: XmlInputProvider) => boolean;
}
