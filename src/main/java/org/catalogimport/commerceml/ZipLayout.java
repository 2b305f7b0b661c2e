package org.catalogimport.commerceml;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Checks that a zip's central directory points at the very entries a reader of its local headers
 * met, one after the other from the archive's first byte. Why: {@link GrowingZipUnpacker} checks
 * entries as they stream in, by their local headers, while the import later reads the XML files
 * by the directory's offsets ({@link ZippedXml}); a directory pointing at another local header (one
 * hidden inside a stored entry, say) would have the import read bytes nobody checked. With each
 * entry's local header exactly where the previous one ends (its header, name, extra field, data of
 * the listed compressed size, and its data descriptor if it has one), and the first at 0, there is
 * no other place for it to point. Its reasons are only logged, as {@code GrowingZipUnpacker}'s: a zip
 * it rejects is unpacked by the import, which refuses it with the usual message if it is hostile.
 */
final class ZipLayout {

    private static final int LOCAL_SIGNATURE = 0x04034b50;
    private static final int DESCRIPTOR_SIGNATURE = 0x08074b50;
    private static final int LOCAL_HEADER = 30;
    private static final int ZIP64_EXTRA = 0x0001;

    private ZipLayout() {
    }

    /**
     * @param listed the directory's entries in its order, which must be the archive's order
     * @throws IOException naming the first entry that is not where the previous one ends
     */
    static void checkContiguous(FileChannel channel, List<ZipCentralDirectory.Entry> listed) throws IOException {
        long expected = 0;
        for (ZipCentralDirectory.Entry entry : listed) {
            if (entry.localOffset() != expected) {
                throw new IOException("the central directory points at " + entry.localOffset() + " for " + entry.name()
                        + ", where the entries read end at " + expected);
            }
            ByteBuffer header = ZipCentralDirectory.readAt(channel, expected, LOCAL_HEADER);
            if (header.getInt(0) != LOCAL_SIGNATURE) {
                throw new IOException("no local header at " + expected + " for " + entry.name());
            }
            int nameLength = header.getShort(26) & 0xFFFF;
            int extraLength = header.getShort(28) & 0xFFFF;
            ByteBuffer nameAndExtra = ZipCentralDirectory.readAt(channel, expected + LOCAL_HEADER, nameLength + extraLength);
            byte[] name = Arrays.copyOfRange(nameAndExtra.array(), 0, nameLength);
            if (!Arrays.equals(name, entry.name().getBytes(StandardCharsets.UTF_8))) {
                throw new IOException("the local header at " + expected + " names another entry than " + entry.name());
            }
            long dataEnd = expected + LOCAL_HEADER + nameLength + extraLength + entry.compressedSize();
            boolean zip64 = hasZip64(nameAndExtra, nameLength) || entry.compressedSize() >= 0xFFFFFFFFL
                    || entry.size() >= 0xFFFFFFFFL;
            expected = dataEnd + (entry.descriptor() ? descriptorLength(channel, dataEnd, zip64) : 0);
        }
    }

    /** A data descriptor: CRC and two sizes (8 bytes each for a ZIP64 entry), its signature optional. */
    private static int descriptorLength(FileChannel channel, long at, boolean zip64) throws IOException {
        int length = zip64 ? 20 : 12;
        return ZipCentralDirectory.readAt(channel, at, 4).getInt(0) == DESCRIPTOR_SIGNATURE ? length + 4 : length;
    }

    private static boolean hasZip64(ByteBuffer nameAndExtra, int nameLength) {
        ByteBuffer extra = nameAndExtra.duplicate().order(ByteOrder.LITTLE_ENDIAN).position(nameLength);
        while (extra.remaining() >= 4) {
            int id = extra.getShort() & 0xFFFF;
            int length = extra.getShort() & 0xFFFF;
            if (id == ZIP64_EXTRA) {
                return true;
            }
            extra.position(Math.min(extra.limit(), extra.position() + length));
        }
        return false;
    }
}
