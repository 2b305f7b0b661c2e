package org.catalogimport.commerceml;

/**
 * How much an uploaded zip may unpack to. The limits are checked against the bytes actually
 * inflated, never against the sizes an archive claims in its headers, so a forged header cannot
 * smuggle a zip bomb past them.
 *
 * @param maxUncompressedBytes all entries together
 * @param maxZipEntries        files and folders in the archive
 * @param maxFileBytes         one entry
 * @param maxCompressionRatio  inflated bytes per compressed byte, for one entry and for the archive
 *                             (checked once more than {@link #RATIO_CHECK_THRESHOLD_BYTES} are out,
 *                             because tiny files of spaces legitimately compress a thousandfold)
 */
public record ReadLimits(long maxUncompressedBytes, int maxZipEntries, long maxFileBytes, double maxCompressionRatio) {

    /** Below this many inflated bytes the ratio is not judged. */
    public static final long RATIO_CHECK_THRESHOLD_BYTES = 1L << 20;

    public ReadLimits {
        if (maxUncompressedBytes <= 0 || maxZipEntries <= 0 || maxFileBytes <= 0 || !(maxCompressionRatio > 0)) {
            throw new IllegalArgumentException("read limits must be positive: " + maxUncompressedBytes + ", "
                    + maxZipEntries + ", " + maxFileBytes + ", " + maxCompressionRatio);
        }
    }

    /**
     * 20 GiB in all, 100 000 entries, 4 GiB per file, ratio 200. A 100k-product 1C package is about
     * 1 GB of XML plus pictures, and 1C's XML deflates 10–40×: these leave room for catalogs ten
     * times that size while still stopping a bomb after a few seconds of inflating.
     */
    public static ReadLimits defaults() {
        return new ReadLimits(20L << 30, 100_000, 4L << 30, 200);
    }
}
