import {
  CONFIG_FILE,
  binaryKindOfPath,
  createChecker,
  documentConfig,
  foldersDownTo,
  isUnder,
  languageIdOf,
  parentUri,
  jsonErrorText,
  problemList,
  uriBaseName,
  parseConfigFile,
  readEditorSettings,
  resolveLocale,
  CONFIGURABLE_RULES,
  cliMessage,
  serverMessage,
  viewLines,
  type ConfigFileResult,
  type DocumentSettings,
  type EditorSettings,
  type Locale,
  type NianbaoConfig,
} from '../../core/src/index';
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  TextDocumentSyncKind,
  type CancellationToken,
  type ConfigurationItem,
  type Connection,
  type DidChangeWatchedFilesParams,
  type InitializeParams,
  type InitializeResult,
  type TextDocumentContentChangeEvent,
  type WorkspaceFolder,
} from 'vscode-languageserver';
import { documentSymbols, foldingRanges, lspDiagnostics } from './convert';
import { CLIENT_DISABLE_COMMAND, COMMANDS, FIX_ALL_KIND, registerFeatures, tabSizeOf, type EditingCaps } from './features';
import { formatOfPath, joinUri, NO_FILES, uriKey, type FileSystem } from './files';
import { ReportIndex } from './workspace';
import { IGNORE_FILE, WorkspaceCheck } from './workspace-check';
import type { ReadFile, ReadResult, Unreadable } from '../../core/src/readers/index';

export interface ServerOptions {
  /** URI of the folder holding the rule pages, ending with `/`. */
  docsBase?: string;
  /**
   * The files of the workspace: `.nianbao.json` at each folder root and the reports the cross-year rules
   * compare with. The Node entry passes node-fs.ts; without it the server sees only open documents.
   */
  fs?: FileSystem;
  /** Reads a PDF or Word file (the Node entry: dist/readers.js); without it the server cannot show such files. */
  readBinary?: (uri: string, bytes: Uint8Array) => Promise<ReadResult>;
}

/** `nianbao/openFile`: the client sends a PDF's or Word file's bytes (base64) for the read-only report view. */
interface OpenFileParams {
  uri: string;
  data: string;
}

function fromBase64(data: string): Uint8Array {
  const bin = atob(data);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

const DEFAULT_DEBOUNCE_MS = 120;
/**
 * The longest a check waits for settings, `.nianbao.json` files or the workspace index (100,000 folders, a client
 * that never answers workspace/configuration): then it runs with what is known, and again once they are in.
 */
export const WAIT_MS = 1500;
/** How long the client has to answer workspace/configuration before the pushed settings are used. */
export const CONFIG_ANSWER_MS = 3000;
const DEFAULT_MAX_MB = 5;
const KNOWN_RULES: ReadonlySet<string> = new Set(CONFIGURABLE_RULES.map((r) => r.id));
const NO_SETTINGS: EditorSettings = { config: {}, locale: 'auto', problems: [] };

/** What the server keeps of an open document besides the checker's copy: its settings and its scheduling. */
interface OpenDoc {
  uri: string;
  /** `nianbao.*` for this document's resource scope; undefined while it is being fetched. */
  settings?: EditorSettings;
  timer?: ReturnType<typeof setTimeout>;
  /** Waiting for settings or the workspace index; `propagate`: its content changed, tell its dependents. */
  queued?: { propagate: boolean };
  /** Checks with what is known if the wait runs over WAIT_MS (checked again when the wait is over). */
  waitTimer?: ReturnType<typeof setTimeout>;
  kindSent?: string;
  /** A PDF or Word file shown in the report view: what was read from it. */
  binary?: ReadFile;
}

interface FolderConfig {
  /** The folder holding the `.nianbao.json` (a workspace folder or one below it). */
  dir: string;
  result: ConfigFileResult;
}

/** The language server; transport-agnostic, so the Node and the web-worker entries share it. */
export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const docs = new Map<string, OpenDoc>();
  const fs = options.fs ?? NO_FILES;
  let clientLocale: Locale = 'zh-cn';
  let editing: EditingCaps = { documentChanges: false, resolveEdit: false, clientDisable: false };
  let global: EditorSettings = NO_SETTINGS;
  let initDebounceMs = DEFAULT_DEBOUNCE_MS;
  let canPullConfig = false;
  let canWatchFolders = false;
  let canRefreshHints = false;
  /** nianbao/editorTabSize: the tab size of the editor showing each document. */
  const tabSizes = new Map<string, number>();
  /** The client shows the tables aligned itself (nianbao/tableLayout), not with inlay hints. */
  let tableDecorations = false;
  let canRefreshLenses = false;
  /** Documents whose code lenses were asked for before their first check (answered with none). */
  const lensesMissed = new Set<string>();
  let docsBase = options.docsBase;
  const folderConfigs = new Map<string, FolderConfig>();
  /** Per folder, the config file content last warned about: a warning is shown once per change. */
  const warned = new Map<string, string>();
  const configReads = new Map<string, number>();
  // MB of UTF-8, as the setting says.
  const maxBytes = () => (global.maxFileSizeMB ?? DEFAULT_MAX_MB) * 1024 * 1024;
  const checker = createChecker({ logger: (m) => connection.console.error(m), maxBytes });
  const index = new ReportIndex(fs, checker.files, (m) => connection.console.log(m));

  let listTimer: ReturnType<typeof setTimeout> | undefined;
  const workspace = new WorkspaceCheck({
    checker,
    fs,
    readBinary: options.readBinary,
    folders: () => index.workspaceFolders,
    isOpen: (uri) => docs.has(uri),
    settingsFor: (uri): DocumentSettings => ({ config: configAt(uri, global.config), locale: uiLocale(), docsBase }),
    locale: () => uiLocale(),
    docsBase: () => docsBase,
    maxBytes,
    publish: (uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }),
    changed() {
      // The tree view and the Explorer badges: one list at most every 200 ms.
      listTimer ??= setTimeout(() => {
        listTimer = undefined;
        void connection.sendNotification('nianbao/workspaceReports', { reports: workspace.list(), summary: workspace.summary() });
      }, 200);
    },
    log: (m) => connection.console.log(m),
    whenIdle: () => whenIdle(),
  });

  const errorText = (e: unknown) => (e instanceof Error ? (e.stack ?? e.message) : String(e));

  // A cancelled or outdated request answers with its LSP error; any other failure is logged and answered with `fallback`.
  const safe = <P, R>(name: string, fallback: R, fn: (p: P, token?: CancellationToken) => R | Promise<R>) => async (p: P, token?: CancellationToken): Promise<R> => {
    try {
      return await fn(p, token);
    } catch (e) {
      if (e instanceof ResponseError) throw e;
      connection.console.error(`${name} failed: ${errorText(e)}`);
      return fallback;
    }
  };

  // ---- background work (settings, config files, the workspace index) ---------------------------------
  // Checks wait until no such work is under way, so that a check sees the settings and the previous
  // report it is meant to see; once it is done, a check runs synchronously on each change.

  let busy = 0;
  let idleWaiters: (() => void)[] = [];

  function track(name: string, work: () => Promise<unknown>): Promise<void> {
    busy++;
    const done = () => {
      if (--busy === 0) {
        const ws = idleWaiters;
        idleWaiters = [];
        for (const w of ws) w();
      }
    };
    return work().then(done, (e) => {
      connection.console.error(`${name} failed: ${errorText(e)}`);
      done();
    });
  }

  function whenIdle(): Promise<void> {
    return busy === 0 ? Promise.resolve() : new Promise((resolve) => idleWaiters.push(resolve));
  }

  function flushQueued(): void {
    if (busy > 0) {
      void whenIdle().then(flushQueued);
      return;
    }
    for (const d of docs.values()) if (d.queued) validateQueued(d);
  }

  /** Runs a queued check (a failure is logged, never thrown). */
  function validateQueued(d: OpenDoc): void {
    try {
      validateNow(d, d.queued?.propagate ?? false);
    } catch (e) {
      connection.console.error(`validate ${d.uri} failed: ${errorText(e)}`);
    }
  }

  // ---- settings ---------------------------------------------------------------------------------------

  const uiLocale = (s: EditorSettings = global): Locale => (s.locale === 'auto' ? clientLocale : s.locale);
  const debounceMs = () => global.debounceMs ?? initDebounceMs;
  const tooLargeWarned = new Set<string>();

  /** Says once (per time it goes over) why an oversized document is not checked: the checker keeps it unparsed. */
  function warnIfTooLarge(uri: string): void {
    if (!checker.isLarge(uri)) {
      tooLargeWarned.delete(uri);
      return;
    }
    if (tooLargeWarned.has(uri)) return;
    tooLargeWarned.add(uri);
    const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
    warn(serverMessage(uiLocale(), 'tooLarge', { path: displayPath(uri), size: mb(checker.bytes(uri) ?? 0), limit: mb(maxBytes()) }));
  }

  /** A warning the user sees (window/showMessage: a notification, nothing to answer) and the log keeps. */
  function warn(message: string): void {
    connection.console.warn(message);
    connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message }).catch((e: unknown) => connection.console.error(String(e)));
  }

  function logProblems(where: string, problems: string[]): void {
    if (problems.length) connection.console.warn(`${where}: ${problems.join('; ')}`);
  }

  /** A document's `nianbao.*`: per resource when the client answers workspace/configuration, else the pushed ones. */
  const settingsOf = (d: OpenDoc): EditorSettings => (canPullConfig ? (d.settings ?? global) : global);

  /** Pulls `nianbao.*` (unscoped, and for each given document's resource). */
  async function pullSettings(targets: OpenDoc[]): Promise<void> {
    if (!canPullConfig) return;
    const items: ConfigurationItem[] = [{ section: 'nianbao' }, ...targets.map((d) => ({ scopeUri: d.uri, section: 'nianbao' }))];
    const apply = (answers: unknown[]) => {
      global = readEditorSettings(answers[0], KNOWN_RULES);
      logProblems('settings', global.problems);
      targets.forEach((d, i) => {
        d.settings = readEditorSettings(answers[i + 1], KNOWN_RULES);
      });
    };
    const asked = connection.workspace.getConfiguration(items) as Promise<unknown[]>;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), CONFIG_ANSWER_MS)));
    let answers: unknown[] | 'late';
    try {
      answers = await Promise.race([asked, late]);
    } catch (e) {
      connection.console.warn(`could not read settings: ${String(e)}`);
      for (const d of targets) d.settings ??= global;
      return;
    } finally {
      clearTimeout(timer);
    }
    if (answers !== 'late') return apply(answers);
    // No answer yet: check with the settings pushed so far; an answer that comes later still applies.
    connection.console.warn(`the client has not answered workspace/configuration in ${CONFIG_ANSWER_MS} ms; using the settings known so far`);
    for (const d of targets) d.settings ??= global;
    asked.then(
      (a) => {
        apply(a);
        for (const d of targets) if (docs.get(d.uri) === d) request(d, false);
      },
      () => undefined,
    );
  }

  function displayPath(uri: string): string {
    return uriKey(uri).replace(/^file:\/\//, '');
  }

  /** A folder's `.nianbao.json` as the user sees it in the Explorer: relative to its workspace folder. */
  function configPath(uri: string): string {
    const folder = index.folderOf(uri);
    const full = displayPath(uri);
    const base = folder ? displayPath(folder).replace(/\/$/, '') : '';
    return base && full.startsWith(base + '/') ? full.slice(base.length + 1) : full;
  }

  /** Reads the `.nianbao.json` of a folder (a workspace folder or one below it); a bad file is ignored with a warning (once per change). */
  async function readFolderConfig(dir: string): Promise<void> {
    const uri = joinUri(dir, CONFIG_FILE);
    const key = uriKey(dir);
    // Reads may finish out of order: only the latest one started for a folder counts.
    const seq = (configReads.get(key) ?? 0) + 1;
    configReads.set(key, seq);
    let result: ConfigFileResult;
    let marker: string | null = null;
    let message = '';
    try {
      const text = await fs.readFile(uri);
      result = parseConfigFile(text, KNOWN_RULES);
      if (result.kind === 'badJson') {
        marker = `json:${text}`;
        message = serverMessage(uiLocale(), 'configBadJson', { path: configPath(uri), reason: jsonErrorText(uiLocale(), result.at) });
      } else if (result.kind === 'ok' && result.problems.length) {
        marker = `problems:${text}`;
        message = serverMessage(uiLocale(), 'configProblems', { path: configPath(uri), problems: problemList(uiLocale(), result.problems) });
      }
    } catch (e) {
      result = { kind: 'none' };
      const reason = e instanceof Error ? e.message : String(e);
      marker = `unreadable:${reason}`;
      message = serverMessage(uiLocale(), 'configUnreadable', { path: configPath(uri), reason });
    }
    if (configReads.get(key) !== seq || !index.workspaceFolders.some((f) => isUnder(dir, f))) return; // superseded, or the folder went away
    if (result.kind === 'none' && marker === null) folderConfigs.delete(key);
    else folderConfigs.set(key, { dir, result });
    if (marker === null) warned.delete(key);
    else if (warned.get(key) !== marker) {
      warned.set(key, marker);
      warn(message);
    } else connection.console.warn(message);
  }

  /**
   * The settings of the file at `uri`: the editor's, then the `.nianbao.json` of its workspace folder, then those
   * of the folders below down to the file's own (a subfolder's wins over its parent's, rule by rule).
   */
  function configAt(uri: string, editor: NianbaoConfig): NianbaoConfig {
    const folder = index.folderOf(uri);
    return folder ? documentConfig(editor, ...foldersDownTo(folder, uri).map((dir) => folderConfigs.get(uriKey(dir))?.result)) : editor;
  }

  const configFor = (d: OpenDoc): NianbaoConfig => configAt(d.uri, settingsOf(d).config);

  /** The `.nianbao.json` files below a workspace folder's root (the root's own is read by addFolder). */
  async function readSubfolderConfigs(folder: string): Promise<void> {
    let list;
    try {
      list = await fs.listFiles(folder, [CONFIG_FILE], 500);
    } catch (e) {
      connection.console.warn(`cannot list ${folder}: ${String(e)}`);
      return;
    }
    await Promise.all(
      list.filter((f) => uriBaseName(f.uri) === CONFIG_FILE && uriKey(parentUri(f.uri)) !== uriKey(folder)).map((f) => readFolderConfig(parentUri(f.uri))),
    );
  }

  // ---- workspace folders ------------------------------------------------------------------------------

  function addFolder(folder: string): void {
    void track(`index ${folder}`, async () => {
      await Promise.all([index.addFolder(folder), readFolderConfig(folder), readSubfolderConfigs(folder)]);
      for (const d of docs.values()) if (index.folderOf(d.uri) && uriKey(index.folderOf(d.uri)!) === uriKey(folder)) request(d, false);
    });
  }

  function removeFolder(folder: string): void {
    const key = uriKey(folder);
    const affected = [...docs.values()].filter((d) => {
      const f = index.folderOf(d.uri);
      const previous = checker.lastCheck(d.uri)?.previousUri;
      return (f && uriKey(f) === key) || (previous && index.folderOf(previous) && uriKey(index.folderOf(previous)!) === key);
    });
    index.removeFolder(folder);
    for (const [k, c] of folderConfigs) {
      if (isUnder(c.dir, folder)) {
        folderConfigs.delete(k);
        warned.delete(k);
      }
    }
    workspace.forgetFolder(folder);
    for (const d of affected) request(d, false);
  }

  // ---- checking ---------------------------------------------------------------------------------------

  /** Checks a document now if nothing it depends on is still being read; otherwise as soon as that is done. */
  function request(d: OpenDoc, propagate: boolean): void {
    if (d.timer) clearTimeout(d.timer);
    d.timer = undefined;
    if (busy > 0 || (canPullConfig && !d.settings)) {
      d.queued = { propagate: propagate || !!d.queued?.propagate };
      void whenIdle().then(flushQueued);
      d.waitTimer ??= setTimeout(() => {
        d.waitTimer = undefined;
        if (!d.queued) return;
        validateQueued(d);
        // Checked with what is known so far: checked again once the settings and the index are in.
        if (busy > 0) {
          d.queued = { propagate: false };
          void whenIdle().then(flushQueued);
        }
      }, WAIT_MS);
      return;
    }
    validateNow(d, propagate);
  }

  function validateNow(d: OpenDoc, propagate: boolean): void {
    if (docs.get(d.uri) !== d) return;
    if (d.timer) clearTimeout(d.timer);
    d.timer = undefined;
    d.queued = undefined;
    if (d.waitTimer) clearTimeout(d.waitTimer);
    d.waitTimer = undefined;
    const settings = settingsOf(d);
    const locale = uiLocale(settings);
    // A file opened in the report view was asked for: a non-report says it was not checked.
    const checked = checker.check(d.uri, { config: configFor(d), locale, docsBase, ...(d.binary ? { explicit: true } : {}) });
    if (!checked) return;
    const report = checked.result.report;
    // In a PDF or Word file, line numbers are those of the extracted text: the message says the page or paragraph too.
    const diagnostics = lspDiagnostics(checked.result.diagnostics, d.uri, docsBase, locale, d.binary?.places);
    void connection.sendDiagnostics({ uri: d.uri, version: checker.version(d.uri), diagnostics });
    if (lensesMissed.delete(d.uri) && canRefreshLenses) connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    if (report.isReport) workspace.updateOpen(d.uri, report, checked.result.diagnostics, checker.languageId(d.uri));
    const kind = JSON.stringify([report.isReport, report.year, report.template]);
    if (kind !== d.kindSent) {
      d.kindSent = kind;
      void connection.sendNotification('nianbao/documentKind', { uri: d.uri, isReport: report.isReport, year: report.year, template: report.template });
    }
    if (propagate) recheckDependents(d);
    readWanted(d);
  }

  /** Reads files a check needed whose text the index let go (over its memory bound), for it to summarise. */
  async function supply(wanted: readonly string[]): Promise<void> {
    for (const uri of wanted) {
      let text: string | null = null;
      try {
        text = await fs.readFile(uri);
      } catch (e) {
        connection.console.warn(`cannot read ${uri}: ${String(e)}`);
      }
      checker.files.supply(uri, text);
    }
  }

  /** After a check: the files it wanted read, summarised, and the document checked again. */
  function readWanted(d: OpenDoc): void {
    const wanted = checker.files.takeWanted();
    if (!wanted.length) return;
    void track('read previous reports', async () => {
      await supply(wanted);
      request(d, false);
    });
  }

  /**
   * After a document's content changed: re-checks the open reports that used it as their previous report, or
   * could use it now. Other open documents are left alone.
   */
  function recheckDependents(x: OpenDoc): void {
    for (const uri of checker.affectedBy(x.uri)) {
      const d = docs.get(uri);
      if (d) request(d, false);
    }
  }

  /** After a file changed on disk: re-checks the open reports it was, or may now be, the previous report of. */
  function recheckForDiskChange(uri: string, years: ReadonlySet<number>): void {
    const dependents = new Set(checker.dependentsOf(uri));
    for (const d of docs.values()) {
      const y = checker.report(d.uri)?.year;
      if (dependents.has(d.uri) || (y != null && years.has(y - 1))) request(d, false);
    }
  }

  function schedule(d: OpenDoc): void {
    if (d.timer) clearTimeout(d.timer);
    const ms = debounceMs();
    // The debounced check goes through `safe` like every handler: a failure is logged, never thrown.
    const run = safe('validate', undefined, () => request(d, true));
    if (ms <= 0) void run(undefined);
    else d.timer = setTimeout(() => void run(undefined), ms);
  }

  // ---- protocol ---------------------------------------------------------------------------------------

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const init = (params.initializationOptions ?? {}) as { locale?: string; docsBase?: string; debounceMs?: number; clientCommands?: unknown; tableLayout?: unknown };
    tableDecorations = init.tableLayout === 'decorations';
    clientLocale = resolveLocale(init.locale ?? params.locale);
    if (init.docsBase) docsBase = init.docsBase;
    if (typeof init.debounceMs === 'number' && init.debounceMs >= 0) initDebounceMs = init.debounceMs;
    canPullConfig = !!params.capabilities.workspace?.configuration;
    const codeAction = params.capabilities.textDocument?.codeAction;
    editing = {
      documentChanges: !!params.capabilities.workspace?.workspaceEdit?.documentChanges,
      resolveEdit: !!codeAction?.dataSupport && !!codeAction.resolveSupport?.properties.includes('edit'),
      clientDisable: Array.isArray(init.clientCommands) && init.clientCommands.includes(CLIENT_DISABLE_COMMAND),
    };
    canWatchFolders = !!params.capabilities.workspace?.workspaceFolders;
    canRefreshHints = !!params.capabilities.workspace?.inlayHint?.refreshSupport;
    canRefreshLenses = !!params.capabilities.workspace?.codeLens?.refreshSupport;
    const folders: WorkspaceFolder[] = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: '' }] : []);
    for (const f of folders) addFolder(f.uri);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        documentSymbolProvider: { label: 'Nianbao' },
        foldingRangeProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: true },
        executeCommandProvider: { commands: Object.values(COMMANDS) },
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
        documentFormattingProvider: true,
        completionProvider: { resolveProvider: false },
        inlayHintProvider: { resolveProvider: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'nianbao', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    void track('settings', () => pullSettings([...docs.values()]));
    if (canWatchFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(
        safe('didChangeWorkspaceFolders', undefined, (e) => {
          for (const f of e.removed) removeFolder(f.uri);
          for (const f of e.added) addFolder(f.uri);
        }),
      );
    }
  });

  connection.onDidChangeConfiguration(
    safe('didChangeConfiguration', undefined, (p) => {
      if (!canPullConfig) {
        const pushed = (p.settings as { nianbao?: unknown } | null)?.nianbao;
        global = readEditorSettings(pushed, KNOWN_RULES);
        logProblems('settings', global.problems);
      }
      void track('settings', () => Promise.all([pullSettings([...docs.values()]), ...index.workspaceFolders.map((f) => readFolderConfig(f))])).then(() => {
        // nianbao.tables.align may have changed: the editor asks for the table hints again.
        if (canRefreshHints) void connection.languages.inlayHint.refresh().catch(() => undefined);
      });
      for (const d of docs.values()) request(d, false);
    }),
  );

  connection.onDidChangeWatchedFiles(
    safe('didChangeWatchedFiles', undefined, (p: DidChangeWatchedFilesParams) => {
      for (const change of p.changes) {
        const uri = change.uri;
        const folder = index.folderOf(uri);
        if (!folder) continue;
        const name = uriBaseName(uri);
        if (name === CONFIG_FILE) {
          // A workspace folder's, or a subfolder's: it applies to the files below it.
          const dir = parentUri(uri);
          void track('config', () => readFolderConfig(dir));
          for (const d of docs.values()) if (isUnder(d.uri, dir)) request(d, false); // queued until it is read
          workspace.refreshUnder(dir);
        } else if (name === IGNORE_FILE && uriKey(parentUri(uri)) === uriKey(folder)) {
          workspace.ignoreChanged(folder);
        } else if (formatOfPath(uri)) {
          // Created, changed or deleted alike: the index re-reads the file (an open document keeps its live text).
          void track('index', async () => {
            const years = await index.refresh(uri);
            if (years && !docs.has(uri)) {
              recheckForDiskChange(uri, years);
              workspace.refreshYears(years);
            }
          });
          if (!docs.has(uri)) workspace.refresh(uri);
        } else if (binaryKindOfPath(uri) && !docs.has(uri)) workspace.refresh(uri);
      }
    }),
  );

  connection.onDidOpenTextDocument(
    safe('didOpen', undefined, (p) => {
      const { uri, languageId, version, text } = p.textDocument;
      // A version must be an integer (LSP): without one, later changes could not be put in order.
      if (!Number.isInteger(version) || typeof text !== 'string' || typeof uri !== 'string') {
        connection.console.error(`didOpen of ${String(uri)} refused: the version must be an integer and the text a string`);
        return;
      }
      const d: OpenDoc = { uri };
      checker.open(uri, languageId, version, text);
      warnIfTooLarge(uri);
      docs.set(uri, d);
      if (canPullConfig) void track('settings', () => pullSettings([d]));
      checker.report(uri);
      request(d, true);
    }),
  );

  connection.onDidChangeTextDocument(
    safe('didChange', undefined, (p) => {
      const d = docs.get(p.textDocument.uri);
      if (!d) return;
      const version = p.textDocument.version;
      const changes = p.contentChanges as TextDocumentContentChangeEvent[];
      if (!Number.isInteger(version) || !Array.isArray(changes)) {
        // Its text can no longer be known: forgotten until the editor opens it again (a check on a wrong text misleads).
        connection.console.error(`didChange of ${d.uri} refused (version ${JSON.stringify(version)}); the document is not checked until it is opened again`);
        docs.delete(d.uri);
        checker.close(d.uri);
        void connection.sendDiagnostics({ uri: d.uri, diagnostics: [] });
        return;
      }
      if (checker.change(d.uri, version, changes.map((c) => ('range' in c && c.range ? { range: c.range, text: c.text } : { text: c.text }))) === 'stale') {
        // Out of order: applying it would corrupt the text; the client resends the document when it reopens it.
        connection.console.warn(`ignored change to ${d.uri}: version ${version} is not newer than ${checker.version(d.uri)}`);
        return;
      }
      warnIfTooLarge(d.uri);
      schedule(d);
    }),
  );

  // The tab size of the editor showing a document (the VS Code client says it): the table hints are laid out for
  // it, narrower than for any tab size up to 8.
  connection.onNotification(
    'nianbao/editorTabSize',
    safe('editorTabSize', undefined, (p: { uri: string; tabSize: number }) => {
      const size = tabSizeOf(p?.tabSize);
      if (!p || typeof p.uri !== 'string' || size === undefined || tabSizes.get(p.uri) === size) return;
      tabSizes.set(p.uri, size);
      if (canRefreshHints) void connection.languages.inlayHint.refresh().catch(() => undefined);
    }),
  );

  connection.onDidCloseTextDocument(
    safe('didClose', undefined, (p) => {
      const uri = p.textDocument.uri;
      const d = docs.get(uri);
      if (d?.timer) clearTimeout(d.timer);
      const dependents = new Set(checker.dependentsOf(uri));
      docs.delete(uri);
      checker.close(uri);
      tooLargeWarned.delete(uri);
      tabSizes.delete(uri);
      // After a workspace check, a closed file keeps its problems, as they are on disk.
      if (workspace.active) workspace.refresh(uri, 0);
      else void connection.sendDiagnostics({ uri, diagnostics: [] });
      // Its dependents now compare with the file on disk (or with nothing).
      void track('index', async () => {
        await index.refresh(uri);
        for (const o of docs.values()) {
          const y = checker.report(o.uri)?.year;
          if (dependents.has(o.uri) || (y != null && index.names(uri, y - 1))) request(o, false);
        }
      });
    }),
  );

  // ---- PDF and Word files in the report view ----------------------------------------------------------

  let binaryVersion = 0;
  connection.onRequest(
    'nianbao/openFile',
    safe('openFile', { ok: false as const, reason: 'damaged', message: '' }, async (p: OpenFileParams) => {
      const locale = uiLocale();
      const unread = (reason: string) => {
        closeBinary(p.uri);
        return { ok: false as const, reason, message: cliMessage(locale, `unreadable.${reason as Unreadable | 'unsupported'}`, { limit: Math.round(maxBytes() / 1024 / 1024) }) };
      };
      if (!options.readBinary) return unread('unsupported');
      const read = await options.readBinary(p.uri, fromBase64(p.data));
      if (!read.ok) return unread(read.reason);
      closeBinary(p.uri);
      const d: OpenDoc = { uri: p.uri, binary: read };
      checker.open(p.uri, languageIdOf(read.format), ++binaryVersion, read.text);
      docs.set(p.uri, d);
      if (canPullConfig) await track('settings', () => pullSettings([d]));
      request(d, false);
      await whenIdle();
      const report = checker.report(p.uri);
      return {
        ok: true as const,
        source: read.source,
        pages: read.pages ?? null,
        report: report ? { isReport: report.isReport, year: report.year, template: report.template, title: report.title?.text ?? null } : null,
        lines: viewLines(read.text, read.format, read.places),
      };
    }),
  );

  function closeBinary(uri: string): void {
    const d = docs.get(uri);
    if (!d?.binary) return;
    if (d.timer) clearTimeout(d.timer);
    docs.delete(uri);
    checker.close(uri);
    if (workspace.active) workspace.refresh(uri, 0);
    else void connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  // ---- the workspace check ----------------------------------------------------------------------------

  connection.onRequest(
    'nianbao/checkWorkspace',
    // (Not through `safe`: the handler needs the request's cancellation token.)
    async (_p: unknown, token: CancellationToken) => {
      await whenIdle();
      let last = 0;
      const run = workspace.checkAll(
        (done, total, uri) => {
          // At most ~50 progress notifications a run, and the last one.
          if (done === total || done - last >= Math.max(1, Math.floor(total / 50))) {
            last = done;
            void connection.sendNotification('nianbao/workspaceProgress', { done, total, uri });
          }
        },
        () => token.isCancellationRequested,
      );
      return run.catch((e: unknown) => {
        connection.console.error(`checkWorkspace failed: ${errorText(e)}`);
        return null;
      });
    },
  );
  connection.onRequest('nianbao/workspaceReports', safe('workspaceReports', null, () => ({ reports: workspace.list(), summary: workspace.summary() })));

  // *新建年度报告*: the skeleton for a file about to be created at `uri`, with what carries over from last
  // year's report of the same 机关 (the index is waited for at most WAIT_MS).
  connection.onRequest(
    'nianbao/newReport',
    safe('newReport', null, async (p: { uri: string; year: number; agency: string; markdown: boolean }) => {
      if (typeof p?.uri !== 'string' || typeof p.year !== 'number') return null;
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([whenIdle(), new Promise<void>((resolve) => (timer = setTimeout(resolve, WAIT_MS)))]);
      clearTimeout(timer);
      const arg = { year: p.year, agency: String(p.agency ?? ''), markdown: !!p.markdown };
      const made = checker.newReport(p.uri, arg);
      // A file whose text the index let go (over its memory bound) is read again.
      const wanted = checker.files.takeWanted();
      if (!wanted.length) return made;
      await supply(wanted);
      return checker.newReport(p.uri, arg);
    }),
  );
  connection.onRequest('nianbao/closeFile', safe('closeFile', null, (p: { uri: string }) => closeBinary(p.uri)));
  connection.onRequest('nianbao/draft', safe('draft', null, (p: { uri: string }) => docs.get(p.uri)?.binary?.draft ?? null));

  const localeOf = (uri: string) => {
    const d = docs.get(uri);
    return d ? uiLocale(settingsOf(d)) : clientLocale;
  };

  connection.onDocumentSymbol(safe('documentSymbol', [], (p) => documentSymbols(checker.outline(p.textDocument.uri, localeOf(p.textDocument.uri)))));

  connection.onFoldingRanges(safe('foldingRanges', [], (p) => foldingRanges(checker.folding(p.textDocument.uri))));

  registerFeatures(connection, {
    fs,
    checker,
    locale: (uri) => (docs.has(uri) ? localeOf(uri) : uiLocale()),
    folderOf: (uri) => index.folderOf(uri) ?? null,
    current(uri) {
      const d = docs.get(uri);
      if (!d) return false;
      // Requests answer for the text as it is now: a check still waiting for its debounce runs first.
      if ((d.timer || d.queued || !checker.lastCheck(uri)) && busy === 0) validateNow(d, false);
      return checker.lastCheck(uri) !== null;
    },
    safe,
    editing: () => editing,
    tableDecorations: () => tableDecorations,
    alignTables: (uri) => {
      const d = docs.get(uri);
      return !!d && settingsOf(d).alignTables !== false;
    },
    alignWide: (uri) => {
      const d = docs.get(uri);
      return !!d && settingsOf(d).alignWideTables === true;
    },
    lensesMissed: (uri) => void lensesMissed.add(uri),
    hintStop: (uri) => tabSizes.get(uri),
  });

  connection.listen();
}
