import {
  checkDocument,
  formatOf,
  ParsedDocument,
  resolveLocale,
  type CheckResult,
  type Locale,
} from '../../core/src/index';
import {
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver';
import { documentSymbols, foldingRanges, toLspDiagnostic } from './convert';

export interface ServerOptions {
  /** URI of the folder holding the rule pages, ending with `/`. */
  docsBase?: string;
}

interface Settings {
  validate: 'auto' | 'always' | 'off';
  debounceMs: number;
}

const DEFAULTS: Settings = { validate: 'auto', debounceMs: 120 };

interface OpenDoc {
  uri: string;
  languageId: string;
  version: number;
  doc: ParsedDocument;
  timer?: ReturnType<typeof setTimeout>;
  last?: CheckResult;
  kindSent?: string;
}

/** The language server; transport-agnostic, so the Node and the web-worker entries share it. */
export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const docs = new Map<string, OpenDoc>();
  let locale: Locale = 'zh-cn';
  let settings: Settings = { ...DEFAULTS };
  let canPullConfig = false;
  let docsBase = options.docsBase;

  const safe = <P, R>(name: string, fallback: R, fn: (p: P) => R | Promise<R>) => async (p: P): Promise<R> => {
    try {
      return await fn(p);
    } catch (e) {
      connection.console.error(`${name} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return fallback;
    }
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const init = (params.initializationOptions ?? {}) as { locale?: string; docsBase?: string; debounceMs?: number };
    locale = resolveLocale(init.locale ?? params.locale);
    if (init.docsBase) docsBase = init.docsBase;
    if (typeof init.debounceMs === 'number') settings.debounceMs = init.debounceMs;
    canPullConfig = !!params.capabilities.workspace?.configuration;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        documentSymbolProvider: { label: 'Nianbao' },
        foldingRangeProvider: true,
      },
      serverInfo: { name: 'nianbao', version: '0.1.0' },
    };
  });

  async function refreshSettings(): Promise<void> {
    if (!canPullConfig) return;
    try {
      const [cfg] = (await connection.workspace.getConfiguration([{ section: 'nianbao' }])) as [Partial<Settings> | null];
      settings = {
        validate: cfg?.validate === 'always' || cfg?.validate === 'off' ? cfg.validate : 'auto',
        debounceMs: typeof cfg?.debounceMs === 'number' && cfg.debounceMs >= 0 ? cfg.debounceMs : settings.debounceMs,
      };
    } catch (e) {
      connection.console.warn(`could not read settings: ${String(e)}`);
    }
  }

  connection.onInitialized(() => {
    void refreshSettings();
  });

  connection.onDidChangeConfiguration(
    safe('didChangeConfiguration', undefined, async () => {
      await refreshSettings();
      for (const d of docs.values()) validate(d);
    }),
  );

  function formatFor(uri: string, languageId: string) {
    return languageId === 'markdown' ? 'markdown' : formatOf(uri);
  }

  function validate(d: OpenDoc): void {
    if (d.timer) clearTimeout(d.timer);
    d.timer = undefined;
    const mode = d.languageId === 'nianbao' ? (settings.validate === 'off' ? 'off' : 'always') : settings.validate;
    const result = checkDocument(d.doc, { locale, validate: mode === 'always' ? 'always' : 'auto', docsBase });
    d.last = result;
    const diagnostics = mode === 'off' ? [] : result.diagnostics.map((x) => toLspDiagnostic(x, docsBase));
    void connection.sendDiagnostics({ uri: d.uri, version: d.version, diagnostics });
    const r = result.report;
    const kind = JSON.stringify([r.isReport, r.year, r.template]);
    if (kind !== d.kindSent) {
      d.kindSent = kind;
      void connection.sendNotification('nianbao/documentKind', { uri: d.uri, isReport: r.isReport, year: r.year, template: r.template });
    }
  }

  function schedule(d: OpenDoc): void {
    if (d.timer) clearTimeout(d.timer);
    if (settings.debounceMs <= 0) validate(d);
    else d.timer = setTimeout(() => validate(d), settings.debounceMs);
  }

  connection.onDidOpenTextDocument(
    safe('didOpen', undefined, (p) => {
      const { uri, languageId, version, text } = p.textDocument;
      const d: OpenDoc = { uri, languageId, version, doc: ParsedDocument.parse(text, formatFor(uri, languageId)) };
      docs.set(uri, d);
      validate(d);
    }),
  );

  connection.onDidChangeTextDocument(
    safe('didChange', undefined, (p) => {
      const d = docs.get(p.textDocument.uri);
      if (!d) return;
      for (const change of p.contentChanges as TextDocumentContentChangeEvent[]) {
        if ('range' in change && change.range) d.doc.applyChange({ range: change.range, text: change.text });
        else d.doc = ParsedDocument.parse(change.text, d.doc.format);
      }
      d.version = p.textDocument.version;
      schedule(d);
    }),
  );

  connection.onDidCloseTextDocument(
    safe('didClose', undefined, (p) => {
      const d = docs.get(p.textDocument.uri);
      if (d?.timer) clearTimeout(d.timer);
      docs.delete(p.textDocument.uri);
      void connection.sendDiagnostics({ uri: p.textDocument.uri, diagnostics: [] });
    }),
  );

  const reportOf = (uri: string) => {
    const d = docs.get(uri);
    if (!d) return null;
    if (d.timer) validate(d);
    return d.last?.report ?? null;
  };

  connection.onDocumentSymbol(
    safe('documentSymbol', [], (p) => {
      const r = reportOf(p.textDocument.uri);
      return r && r.isReport ? documentSymbols(r, locale) : [];
    }),
  );

  connection.onFoldingRanges(
    safe('foldingRanges', [], (p) => {
      const r = reportOf(p.textDocument.uri);
      return r && r.isReport ? foldingRanges(r) : [];
    }),
  );

  connection.listen();
}
