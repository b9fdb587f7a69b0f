//! The mutator: a xorshift generator and the changes it makes to inputs.

/// xorshift64*: small, fast and reproducible from its seed.
pub struct Rng(u64);

impl Rng {
    /// A generator; seed 0 is replaced (xorshift stays at 0).
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15 | 1)
    }

    /// The next number.
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number below `n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// True one time in `n`.
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }
}

/// Tokens worth inserting into any of plansite's inputs.
pub const TOKENS: &[&[u8]] = &[
    // YAML: anchors and aliases (single ones: no alias bombs), nesting, fences.
    b"&a ",
    b"*a",
    b"&b [*a, *a]",
    b"<<: *a",
    b"[[[[[[[[",
    b"{{{{",
    b"]]]]",
    b"\n---\n",
    b"---\n",
    b"\n...\n",
    b": ",
    b"- ",
    b"\n  - ",
    b"? ",
    b"!!binary ",
    b"!!str ",
    b"|\n",
    b">-\n",
    b"'",
    b"\"",
    b"\\",
    b"#",
    b"\t",
    b"~",
    b"null",
    b"2021-13-45",
    b"0x7fffffffffffffff",
    b"1e308",
    b"-1e400",
    b".nan",
    b"-.inf",
    b"99999999999999999999999999999999",
    b"-0",
    b"4294967296",
    // Markdown.
    b"**",
    b"*",
    b"__",
    b"~~",
    b"`",
    b"```",
    b"|",
    b"| --- |",
    b"\n|a|b|\n|-|-|\n",
    b"# ",
    b"#### ",
    b"> ",
    b"1. ",
    b"[^1]",
    b"[^1]: ",
    b"[x](javascript:alert(1))",
    b"{#id}",
    b"<script>",
    b"<img src=x onerror=alert(1)>",
    b"<a href=\"javascript:alert(1)\">",
    b"</script>",
    b"<!--",
    b"&amp;",
    b"&#0;",
    // Text: Han and CJK punctuation, full-width forms, traditional script.
    "发展规划".as_bytes(),
    "知識產權".as_bytes(),
    "，".as_bytes(),
    "。".as_bytes(),
    "（".as_bytes(),
    "）".as_bytes(),
    "“".as_bytes(),
    "《".as_bytes(),
    "〔2021〕".as_bytes(),
    "１２３".as_bytes(),
    "％".as_bytes(),
    "责任单位：".as_bytes(),
    "二〇二一年".as_bytes(),
    "第一章".as_bytes(),
    "（一）".as_bytes(),
    "zhī shí".as_bytes(),
    "ā".as_bytes(),
    "\u{200b}".as_bytes(),
    "\u{feff}".as_bytes(),
    "\u{fffd}".as_bytes(),
    "\u{10ffff}".as_bytes(),
    "𠀀".as_bytes(),
    "e\u{301}".as_bytes(),
    // Bytes: NUL, surrogate-looking UTF-8, GBK pairs, BOMs, CR.
    b"\0",
    b"\xed\xa0\x80",
    b"\xed\xbf\xbf",
    b"\xc0\x80",
    b"\xf4\x90\x80\x80",
    b"\xff",
    b"\x80",
    b"\xb7\xa2\xd5\xb9",
    b"\xd6\xaa\xca\xb6",
    b"\xa1\xa1",
    b"\x81\x30\x81\x30",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xfe\xff",
    b"\r\n",
    b"\r",
    b"\n",
    b"\n\n",
    b" ",
];

/// Changes inputs: each call starts from a corpus entry and applies one to
/// four random changes.
pub struct Mutator<'a> {
    rng: Rng,
    tokens: &'a [&'a [u8]],
    max_len: usize,
}

impl<'a> Mutator<'a> {
    /// A mutator drawing from `rng`, with target-specific `tokens`, keeping
    /// inputs within `max_len` bytes.
    pub fn new(rng: Rng, tokens: &'a [&'a [u8]], max_len: usize) -> Self {
        Mutator {
            rng,
            tokens,
            max_len,
        }
    }

    fn token(&mut self) -> &'a [u8] {
        let n = TOKENS.len() + self.tokens.len();
        let i = self.rng.below(n);
        if i < TOKENS.len() {
            TOKENS[i]
        } else {
            self.tokens[i - TOKENS.len()]
        }
    }

    /// A new input made from the corpus.
    pub fn mutate(&mut self, corpus: &[Vec<u8>]) -> Vec<u8> {
        let mut v = corpus[self.rng.below(corpus.len())].clone();
        for _ in 0..1 + self.rng.below(4) {
            self.once(&mut v, corpus);
        }
        v.truncate(self.max_len);
        v
    }

    fn once(&mut self, v: &mut Vec<u8>, corpus: &[Vec<u8>]) {
        let len = v.len();
        let at = self.rng.below(len + 1);
        match self.rng.below(11) {
            0 if len > 0 => {
                let i = self.rng.below(len);
                v[i] ^= 1 << self.rng.below(8);
            }
            1 if len > 0 => {
                let i = self.rng.below(len);
                v[i] = [0, 0xff, 0x7f, 0x80, b'\n', b':', b'-', b' '][self.rng.below(8)];
            }
            2..=4 => {
                let t = self.token();
                v.splice(at..at, t.iter().copied());
            }
            5 if len > 0 => {
                let n = 1 + self.rng.below((len - at).clamp(1, 64));
                v.drain(at..(at + n).min(len));
            }
            6 if len > 0 => {
                // Repeat a range a few times (deep nesting, long runs).
                let n = 1 + self.rng.below((len - at).clamp(1, 32));
                let piece: Vec<u8> = v[at..(at + n).min(len)].to_vec();
                let times = 1 + self.rng.below(16);
                for _ in 0..times {
                    v.splice(at..at, piece.iter().copied());
                }
            }
            10 if len > 0 => {
                // Repeat a short piece hundreds of times: finds work that
                // grows faster than the input (n² in repeated headings).
                let n = 1 + self.rng.below((len - at).clamp(1, 16));
                let piece: Vec<u8> = v[at..(at + n).min(len)].to_vec();
                let room = self.max_len.saturating_sub(len) / piece.len().max(1);
                let times = (100 + self.rng.below(2000)).min(room);
                let run: Vec<u8> = piece.repeat(times);
                v.splice(at..at, run);
            }
            7 => {
                // Splice: a piece of another entry at a random place.
                let other = &corpus[self.rng.below(corpus.len())];
                if !other.is_empty() {
                    let s = self.rng.below(other.len());
                    let n = 1 + self.rng.below((other.len() - s).min(256));
                    v.splice(at..at, other[s..s + n].iter().copied());
                }
            }
            8 => {
                // Cross over: this entry's head, another's tail.
                let other = &corpus[self.rng.below(corpus.len())];
                let s = self.rng.below(other.len() + 1);
                v.truncate(at);
                v.extend_from_slice(&other[s..]);
            }
            _ => {
                let n = 1 + self.rng.below(8);
                for _ in 0..n {
                    v.insert(at, self.rng.next() as u8);
                }
            }
        }
    }
}
