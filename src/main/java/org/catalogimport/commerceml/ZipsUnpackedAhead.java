package org.catalogimport.commerceml;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Where an import asks whether a zip was already unpacked before it started (the 1C exchange
 * unpacks a zip while its parts arrive, {@link GrowingZipUnpacker}). The locator uses such files
 * only when they are the zip's as it is now; otherwise it unpacks the zip itself.
 */
@FunctionalInterface
public interface ZipsUnpackedAhead {

    /** Nothing is ever unpacked ahead: a plain import folder, tests, benchmarks. */
    ZipsUnpackedAhead NONE = (zip, stop) -> Optional.empty();

    /**
     * The files of {@code zip} unpacked ahead, waiting for an unpacking that still runs to end
     * (giving up when {@code stop} says so); the caller then owns the folder and deletes it.
     */
    Optional<UnpackedZip> take(Path zip, BooleanSupplier stop);
}
