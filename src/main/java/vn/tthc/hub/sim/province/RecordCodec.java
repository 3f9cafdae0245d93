package vn.tthc.hub.sim.province;

import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Compresses stored dossier records (raw deflate, fastest level, with a preset dictionary of
 * typical records) so that hundreds of thousands of dossiers fit in a modest heap; a record of
 * about 4 KB keeps well under 1 KB.
 */
final class RecordCodec {

    private static final int MAX_DICTIONARY = 32 * 1024;

    private final byte[] dictionary;
    private final ThreadLocal<Deflater> deflaters;
    private final ThreadLocal<Inflater> inflaters = ThreadLocal.withInitial(() -> new Inflater(true));

    /** @param dictionary typical content; only its last 32 KB are used */
    RecordCodec(byte[] dictionary) {
        this.dictionary = dictionary.length > MAX_DICTIONARY
                ? Arrays.copyOfRange(dictionary, dictionary.length - MAX_DICTIONARY, dictionary.length) : dictionary.clone();
        this.deflaters = ThreadLocal.withInitial(() -> new Deflater(Deflater.BEST_SPEED, true));
    }

    /** 4 bytes of original length, then the deflated bytes. */
    byte[] encode(byte[] json) {
        Deflater d = deflaters.get();
        d.reset();
        if (dictionary.length > 0) {
            d.setDictionary(dictionary);
        }
        d.setInput(json);
        d.finish();
        byte[] buf = new byte[json.length / 2 + 64];
        int n = 4;
        while (!d.finished()) {
            if (n == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            n += d.deflate(buf, n, buf.length - n);
        }
        int len = json.length;
        buf[0] = (byte) (len >>> 24);
        buf[1] = (byte) (len >>> 16);
        buf[2] = (byte) (len >>> 8);
        buf[3] = (byte) len;
        return Arrays.copyOf(buf, n);
    }

    byte[] decode(byte[] stored) {
        int len = ((stored[0] & 0xFF) << 24) | ((stored[1] & 0xFF) << 16) | ((stored[2] & 0xFF) << 8) | (stored[3] & 0xFF);
        byte[] out = new byte[len];
        Inflater f = inflaters.get();
        f.reset();
        f.setInput(stored, 4, stored.length - 4);
        try {
            if (dictionary.length > 0) {
                f.setDictionary(dictionary);
            }
            int n = 0;
            while (n < len) {
                int k = f.inflate(out, n, len - n);
                if (k == 0 && (f.finished() || f.needsInput())) {
                    break;
                }
                if (k == 0 && f.needsDictionary()) {
                    f.setDictionary(dictionary);
                }
                n += k;
            }
            if (n != len) {
                throw new IllegalStateException("corrupt stored record: " + n + " of " + len + " bytes");
            }
            return out;
        } catch (DataFormatException e) {
            throw new IllegalStateException("corrupt stored record", e);
        }
    }
}
