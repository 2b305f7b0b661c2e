package org.catalogimport.commerceml;

/**
 * Every reason a package, a file of it or an upload is refused as a whole (a {@link PackageException}):
 * unreadable, malformed, unsafe or too large. The texts, in every language, are in the bundle
 * {@value Text#BUNDLE}; the file and line go in front of them.
 */
public enum PackageRefusal implements MessageKey {
    FILE_GONE("package.refused.fileGone", 0),
    FILE_NOT_OPENED("package.refused.fileNotOpened", 1),
    FILE_EMPTY("package.refused.fileEmpty", 0),
    XML_NOT_PARSED("package.refused.xmlNotParsed", 1),
    FILE_UNREADABLE("package.refused.fileUnreadable", 1),
    NO_ELEMENT("package.refused.noElement", 0),
    ENDS_BEFORE_CLOSED("package.refused.endsBeforeClosed", 0),
    ENDS_INSIDE_ELEMENT("package.refused.endsInsideElement", 0),
    DTD("package.refused.dtd", 0),
    TRUNCATED("package.refused.truncated", 1),
    NOT_UTF8("package.refused.notUtf8", 1),
    ENTITY("package.refused.entity", 1),
    MALFORMED("package.refused.malformed", 1),
    NOT_COMMERCEML("package.refused.notCommerceMl", 2),
    NO_XML("package.refused.noXml", 0),
    NO_CATALOG_FILE("package.refused.noCatalogFile", 1),
    NO_CATALOG_FILE_FOUND("package.refused.noCatalogFileFound", 2),
    FOLDER_MISSING("package.refused.folderMissing", 0),
    FOLDER_IS_FILE("package.refused.folderIsFile", 0),
    FOLDER_EMPTY("package.refused.folderEmpty", 0),
    FOLDER_UNREADABLE("package.refused.folderUnreadable", 1),
    ARCHIVE_UNREADABLE("package.refused.archiveUnreadable", 1),
    NO_UNPACK_FOLDER("package.refused.noUnpackFolder", 2),
    PACKAGE_FOLDER_UNREADABLE("package.refused.packageFolderUnreadable", 1),
    LINK_ESCAPES("package.refused.linkEscapes", 1),
    ZIP_NOT_UNPACKED("package.refused.zipNotUnpacked", 1),
    ZIP_UNREADABLE("package.refused.zipUnreadable", 1),
    ZIP_SYMLINK("package.refused.zipSymlink", 1),
    ZIP_DUPLICATE("package.refused.zipDuplicate", 1),
    ZIP_DUPLICATE_SPELLING("package.refused.zipDuplicateSpelling", 1),
    ZIP_ENTRY_DAMAGED("package.refused.zipEntryDamaged", 2),
    ZIP_ENTRY_CHANGED("package.refused.zipEntryChanged", 0),
    ZIP_ENTRY_TOO_LARGE("package.refused.zipEntryTooLarge", 2),
    ZIP_TOO_LARGE("package.refused.zipTooLarge", 1),
    ZIP_BOMB_ENTRY("package.refused.zipBombEntry", 4),
    ZIP_BOMB("package.refused.zipBomb", 3),
    ZIP_TOO_MANY_ENTRIES("package.refused.zipTooManyEntries", 2),
    ZIP_COUNTLESS_ENTRIES("package.refused.zipCountlessEntries", 1),
    ZIP_ENTRY_OUTSIDE("package.refused.zipEntryOutside", 1),
    NAME_NOT_STORABLE("package.refused.nameNotStorable", 0),
    NOT_ZIP_OR_XML("package.refused.notZipOrXml", 0),
    ZIP_NOT_ALONE("package.refused.zipNotAlone", 0),
    NOT_PLAIN_FILE("package.refused.notPlainFile", 0),
    NOTHING_UPLOADED("package.refused.nothingUploaded", 0),
    UPLOAD_UNREADABLE("package.refused.uploadUnreadable", 1),
    FILE_TOO_LARGE("package.refused.fileTooLarge", 1),
    ZIP_ARCHIVE_UNREADABLE("package.refused.zipArchiveUnreadable", 1),
    NO_XML_IN_IT("package.refused.noXmlInIt", 0),
    NO_CATALOG_IN_IT("package.refused.noCatalogInIt", 1),
    NO_CATALOG_IN_UPLOAD("package.refused.noCatalogInUpload", 1),
    NO_XML_IN_UPLOAD("package.refused.noXmlInUpload", 0);

    private final String key;
    private final int arity;

    PackageRefusal(String key, int arity) {
        this.key = key;
        this.arity = arity;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public int arity() {
        return arity;
    }
}
