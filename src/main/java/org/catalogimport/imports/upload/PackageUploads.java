package org.catalogimport.imports.upload;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.time.OffsetDateTime;
import org.catalogimport.commerceml.PackagePreview;

/**
 * Stores the record of each accepted upload (table {@code package_upload}, V11). Which upload is
 * pending is derived, never stored: the newest one not discarded and not yet imported by a
 * COMPLETED real (not dry-run) session. A failed or cancelled import leaves it pending.
 */
@Stateless
public class PackageUploads {

    private static final String COLUMNS = "u.id, u.folder, u.file_names, u.total_bytes, u.zip, u.xml_files, u.layouts,"
            + " u.created_at_text, u.full_exchange, u.fingerprint, u.uploaded_by, u.uploaded_at, u.discarded_by, u.discarded_at";
    private static final String NOT_IMPORTED = " not exists (select 1 from import_session s where s.upload_id = u.id"
            + " and s.status = 'COMPLETED' and not s.dry_run)";

    @PersistenceContext(unitName = "catalog")
    private EntityManager entityManager;

    /**
     * Records an accepted upload and makes it the next package: an older pending upload is marked
     * discarded by {@code user} (replaced), in the same transaction.
     */
    public PackageUpload record(Path folder, List<String> names, long totalBytes, PackagePreview preview, String user,
                                Instant now) {
        entityManager.createNativeQuery("update package_upload u set discarded_by = ?1, discarded_at = ?2"
                        + " where u.discarded_at is null and" + NOT_IMPORTED)
                .setParameter(1, user).setParameter(2, Timestamp.from(now)).executeUpdate();
        Number id = (Number) entityManager.createNativeQuery("""
                        insert into package_upload (folder, file_names, total_bytes, zip, xml_files, layouts, created_at_text,
                            full_exchange, fingerprint, uploaded_by, uploaded_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) returning id""")
                .setParameter(1, folder.toString())
                .setParameter(2, PackageUpload.joinNames(names))
                .setParameter(3, totalBytes)
                .setParameter(4, preview.zip())
                .setParameter(5, preview.xmlFiles())
                .setParameter(6, String.join(", ", preview.layouts()))
                .setParameter(7, preview.createdAt().orElse(null))
                .setParameter(8, preview.fullExchange().orElse(null))
                .setParameter(9, preview.fingerprint())
                .setParameter(10, user)
                .setParameter(11, Timestamp.from(now))
                .getSingleResult();
        return find(id.longValue()).orElseThrow();
    }

    /** The next package to import, if an upload is pending. */
    public Optional<PackageUpload> pending() {
        return first("select " + COLUMNS + " from package_upload u where u.discarded_at is null and" + NOT_IMPORTED
                + " order by u.uploaded_at desc, u.id desc");
    }

    public Optional<PackageUpload> find(long id) {
        return first("select " + COLUMNS + " from package_upload u where u.id = " + id);
    }

    /** Discards the upload if it is still pending; false when it was imported or discarded already. */
    public boolean discard(long id, String user, Instant now) {
        return entityManager.createNativeQuery("update package_upload u set discarded_by = ?1, discarded_at = ?2"
                        + " where u.id = ?3 and u.discarded_at is null and" + NOT_IMPORTED)
                .setParameter(1, user).setParameter(2, Timestamp.from(now)).setParameter(3, id)
                .executeUpdate() == 1;
    }

    /**
     * Folders of uploads that nothing needs any more: discarded or imported, and no session that
     * reads them still pending or running.
     */
    public List<Path> foldersNoLongerNeeded() {
        @SuppressWarnings("unchecked")
        List<String> folders = entityManager.createNativeQuery("select u.folder from package_upload u"
                + " where (u.discarded_at is not null or not" + NOT_IMPORTED + ")"
                + " and not exists (select 1 from import_session s where s.upload_id = u.id"
                + " and s.status in ('PENDING', 'RUNNING'))").getResultList();
        return folders.stream().map(Path::of).toList();
    }

    private Optional<PackageUpload> first(String sql) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(sql).setMaxResults(1).getResultList();
        return rows.stream().findFirst().map(PackageUploads::upload);
    }

    private static PackageUpload upload(Object[] r) {
        return new PackageUpload(((Number) r[0]).longValue(), Path.of((String) r[1]),
                PackageUpload.splitNames((String) r[2]), ((Number) r[3]).longValue(), (Boolean) r[4],
                ((Number) r[5]).intValue(), (String) r[6], (String) r[7], (Boolean) r[8], (String) r[9],
                (String) r[10], instant(r[11]), (String) r[12], instant(r[13]));
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }
}
