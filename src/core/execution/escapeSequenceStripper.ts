// Turns what a terminal program printed into the text a person read: escape sequences
// (colours, cursor moves, window titles, shell-integration marks such as OSC 633) and other
// control characters removed (backspaces are left to LineRedrawCollapser), and the result well-formed UTF-16 (a lone
// surrogate becomes U+FFFD, so the text encodes to valid UTF-8). Streaming: a sequence or a
// surrogate pair split across chunks is handled as if it had arrived whole, and nothing of
// a chunk is held once it is processed. `\r` and `\n` pass through (see LineRedrawCollapser).

const enum State {
  Text,
  /** After ESC. */
  Escape,
  /** After ESC and a character that takes one more (`ESC ( B`, `ESC # 8`). */
  EscapeArgument,
  /** Control Sequence: parameters and intermediates up to a final character. */
  Csi,
  /** Operating System Command: up to BEL or ST. */
  Osc,
  /** DCS, SOS, PM, APC: up to ST. */
  ControlString,
  /** ESC seen inside an OSC or control string: `\` ends it. */
  StringEscape,
}

/** Characters the text state must look at: C0 controls but backspace, tab, LF and CR; DEL; C1 controls. */
const SPECIAL = /[\x00-\x07\x0b\x0c\x0e-\x1f\x7f-\x9f]/g;
/** What can end (or abort) an OSC or control string: BEL, ESC, ST, CAN, SUB. */
const STRING_END = /[\x07\x1b\x9c\x18\x1a]/g;
const SURROGATE = /[\ud800-\udfff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const ESC = 0x1b;
const BEL = 0x07;

export class EscapeSequenceStripper {
  private state = State.Text;
  /** A high surrogate that ended the previous chunk: its pair may start the next. */
  private carry = '';

  /** The printable text of `chunk`, given everything pushed before. */
  push(chunk: string): string {
    let text = this.carry === '' ? chunk : this.carry + chunk;
    this.carry = '';
    const last = text.charCodeAt(text.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) {
      this.carry = text[text.length - 1];
      text = text.slice(0, -1);
    }
    const out: string[] = [];
    let at = 0;
    while (at < text.length) {
      if (this.state === State.Text) {
        SPECIAL.lastIndex = at;
        const found = SPECIAL.exec(text);
        const stop = found === null ? text.length : found.index;
        if (stop > at) out.push(at === 0 && stop === text.length ? text : text.slice(at, stop));
        if (found === null) break;
        at = this.control(text.charCodeAt(stop), stop);
      } else if (this.state === State.Osc || this.state === State.ControlString) {
        at = this.skipString(text, at);
      } else {
        at = this.sequence(text.charCodeAt(at), at);
      }
    }
    const result = out.length === 1 ? out[0] : out.join('');
    return SURROGATE.test(result) ? result.replace(LONE_SURROGATE, '\ufffd') : result;
  }

  /** What is still held at the end of the output: a lone high surrogate, as U+FFFD. */
  end(): string {
    const held = this.carry;
    this.carry = '';
    this.state = State.Text;
    return held === '' ? '' : '\ufffd';
  }

  /** A control character in text; returns where to go on. */
  private control(code: number, at: number): number {
    if (code === ESC) this.state = State.Escape;
    else if (code === 0x9b) this.state = State.Csi;
    else if (code === 0x9d) this.state = State.Osc;
    else if (code === 0x90 || code === 0x98 || code === 0x9e || code === 0x9f) this.state = State.ControlString;
    return at + 1;
  }

  /** One character of an escape or control sequence; returns where to go on. */
  private sequence(code: number, at: number): number {
    if (this.state === State.Escape) {
      if (code === 0x5b) this.state = State.Csi;
      else if (code === 0x5d) this.state = State.Osc;
      else if (code === 0x50 || code === 0x58 || code === 0x5e || code === 0x5f) this.state = State.ControlString;
      else if (code === ESC) this.state = State.Escape;
      else if ((code >= 0x20 && code <= 0x2f) || code === 0x23) this.state = State.EscapeArgument;
      else if (code >= 0x30 && code <= 0x7e) this.state = State.Text;
      else {
        // Not a sequence after all: the character counts as text (or control) again.
        this.state = State.Text;
        return at;
      }
      return at + 1;
    }
    if (this.state === State.EscapeArgument) {
      this.state = State.Text;
      return code >= 0x20 && code <= 0x7e ? at + 1 : at;
    }
    if (this.state === State.Csi) {
      if (code >= 0x20 && code <= 0x3f) return at + 1;
      this.state = State.Text;
      return code >= 0x40 && code <= 0x7e ? at + 1 : at;
    }
    // StringEscape: `ESC \` ends the string; any other ESC sequence ends it too, and starts anew.
    this.state = code === 0x5c ? State.Text : State.Escape;
    return code === 0x5c ? at + 1 : at;
  }

  /** Skips an OSC or control string to its end; returns where to go on. */
  private skipString(text: string, at: number): number {
    STRING_END.lastIndex = at;
    const found = STRING_END.exec(text);
    if (found === null) return text.length;
    const code = text.charCodeAt(found.index);
    // BEL ends an OSC but not a DCS; ST ends both; CAN and SUB abort either.
    if (code === ESC) this.state = State.StringEscape;
    else if (!(code === BEL && this.state === State.ControlString)) this.state = State.Text;
    return found.index + 1;
  }
}
