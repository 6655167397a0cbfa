package io.panstack.operator.pass;

import java.io.Writer;

/**
 * A 128-bit fingerprint of the characters written to it (MurmurHash3's x64 128-bit mixing, over 16-bit characters),
 * computed as they come, with no copy kept. Not cryptographic: it tells whether a child's JSON is the one a stamp
 * was computed from (DesiredStamp), where SHA-256, with the C1 compiler the operator runs with, costs ten times as
 * much, and whether what a stack's informers hold changed (QuietRecheck). The same characters give the same
 * fingerprint however they are split into writes.
 */
public final class CharFingerprint extends Writer {
    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;
    private static final int CHARS_A_BLOCK = 8;

    private long h1;
    private long h2;
    private long k1;
    private long k2;
    private int inBlock;
    private long length;

    /** The fingerprint: two longs, compared as a pair. */
    public record Print(long high, long low) {
    }

    /** The fingerprint of these strings, in this order. */
    public static Print of(Iterable<String> texts) {
        CharFingerprint fingerprint = new CharFingerprint();
        for (String text : texts) {
            fingerprint.write(text, 0, text.length());
            fingerprint.write(0);
        }
        return fingerprint.print();
    }

    @Override
    public void write(int c) {
        add((char) c);
    }

    @Override
    public void write(char[] chars, int offset, int count) {
        int i = offset;
        int end = offset + count;
        while (inBlock != 0 && i < end) {
            add(chars[i++]);
        }
        // Whole blocks straight from the array: Jackson hands over its buffer a few thousand characters at a time.
        for (; end - i >= CHARS_A_BLOCK; i += CHARS_A_BLOCK) {
            mixBlock(chars[i] | (long) chars[i + 1] << 16 | (long) chars[i + 2] << 32 | (long) chars[i + 3] << 48,
                    chars[i + 4] | (long) chars[i + 5] << 16 | (long) chars[i + 6] << 32 | (long) chars[i + 7] << 48);
            length += CHARS_A_BLOCK;
        }
        while (i < end) {
            add(chars[i++]);
        }
    }

    @Override
    public void write(String text, int offset, int count) {
        for (int i = offset; i < offset + count; i++) {
            add(text.charAt(i));
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    private void add(char c) {
        if (inBlock < 4) {
            k1 |= (long) c << (16 * inBlock);
        } else {
            k2 |= (long) c << (16 * (inBlock - 4));
        }
        length++;
        if (++inBlock == CHARS_A_BLOCK) {
            mixBlock(k1, k2);
            k1 = 0;
            k2 = 0;
            inBlock = 0;
        }
    }

    private void mixBlock(long first, long second) {
        h1 ^= mixK1(first);
        h1 = Long.rotateLeft(h1, 27) + h2;
        h1 = h1 * 5 + 0x52dce729;
        h2 ^= mixK2(second);
        h2 = Long.rotateLeft(h2, 31) + h1;
        h2 = h2 * 5 + 0x38495ab5;
    }

    /** The fingerprint of everything written so far (the writer can go on). */
    public Print print() {
        long a = h1 ^ (inBlock > 0 ? mixK1(k1) : 0);
        long b = h2 ^ (inBlock > 4 ? mixK2(k2) : 0);
        a ^= length;
        b ^= length;
        a += b;
        b += a;
        a = finalMix(a);
        b = finalMix(b);
        a += b;
        b += a;
        return new Print(a, b);
    }

    private static long mixK1(long k) {
        return Long.rotateLeft(k * C1, 31) * C2;
    }

    private static long mixK2(long k) {
        return Long.rotateLeft(k * C2, 33) * C1;
    }

    private static long finalMix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
