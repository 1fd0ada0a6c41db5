import type { ReadStream } from 'node:tty';

const ENTER = new Set(['\r', '\n']);
const BACKSPACE = new Set(['\u007f', '\b']);
const CTRL_C = '\u0003';
const CTRL_D = '\u0004';
const CTRL_U = '\u0015';
const ESC = '\u001b';

type TerminalInput = NodeJS.ReadStream & ReadStream;

/**
 * What was typed after Enter in the same read (typing ahead, or pasting two
 * lines): it belongs to the next prompt, e.g. "type the passphrase again".
 */
let typedAhead = '';

/** Whether a hidden prompt is possible. Only a terminal on stdin counts: a pipe might never close. */
export function canPrompt(input: NodeJS.ReadStream = process.stdin): input is TerminalInput {
  return input.isTTY === true && typeof (input as Partial<ReadStream>).setRawMode === 'function';
}

/**
 * Reads one line from the terminal without echoing it: nothing of a secret
 * appears on screen, not even its length. The question goes to stderr so
 * stdout stays clean for output a script captures.
 * Ctrl+C (or Ctrl+D on an empty line) cancels like an ordinary interrupt.
 */
export function promptHidden(question: string, input: TerminalInput = process.stdin as TerminalInput, output: NodeJS.WriteStream = process.stderr): Promise<string> {
  return new Promise((resolve) => {
    const wasRaw = input.isRaw;
    let value: string[] = [];
    let escape: 'none' | 'start' | 'sequence' = 'none';
    let listening = false;

    const finish = (): void => {
      if (listening) input.removeListener('data', feed);
      input.setRawMode(wasRaw);
      input.pause();
      output.write('\n');
    };

    /** Returns true once the line is complete (or cancelled). */
    const feed = (text: string): boolean => {
      // Spreading a string yields whole code points, so CJK and emoji stay intact.
      const chars = [...text];
      for (let i = 0; i < chars.length; i += 1) {
        const char = chars[i]!;
        if (escape !== 'none') {
          // Skip arrow keys and other escape sequences instead of storing their bytes.
          if (escape === 'start') escape = char === '[' || char === 'O' ? 'sequence' : 'none';
          else if (char >= '@' && char <= '~') escape = 'none';
          continue;
        }
        if (ENTER.has(char)) {
          const rest = chars.slice(i + 1).join('');
          typedAhead = char === '\r' ? rest.replace(/^\n/, '') : rest;
          finish();
          resolve(value.join(''));
          return true;
        }
        if (char === CTRL_C || (char === CTRL_D && value.length === 0)) {
          typedAhead = '';
          finish();
          process.kill(process.pid, 'SIGINT');
          return true;
        }
        if (BACKSPACE.has(char)) value = value.slice(0, -1);
        else if (char === CTRL_U) value = [];
        else if (char === ESC) escape = 'start';
        else if (char >= ' ') value.push(char);
      }
      return false;
    };

    output.write(question);
    input.setRawMode(true);
    const pending = typedAhead;
    typedAhead = '';
    if (pending && feed(pending)) return;
    input.setEncoding('utf8');
    input.on('data', feed);
    listening = true;
    input.resume();
  });
}
