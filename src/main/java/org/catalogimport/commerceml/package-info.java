/**
 * Reading 1C:Enterprise CommerceML packages (2.03–2.10 and 3.1): where the files are, what each
 * holds, and their contents as plain records. Knows nothing of JPA, CDI, EJB or import sessions, so
 * it is unit-testable and usable from any layer; the importer decides what to store.
 *
 * <p>Two steps:
 * <ol>
 *   <li>{@link org.catalogimport.commerceml.PackageLocator} turns an import folder (files, 3.1
 *       folders or a zip, which it unpacks safely within {@link org.catalogimport.commerceml.ReadLimits})
 *       into an {@link org.catalogimport.commerceml.ExchangePackage}: the CommerceML files, recognised
 *       by content and sorted so that every id is defined before it is used.</li>
 *   <li>{@link org.catalogimport.commerceml.CommerceMlReader} streams each file into a
 *       {@link org.catalogimport.commerceml.CatalogVisitor}, one record at a time, at a few hundred
 *       MB/s; bad items are reported and skipped, broken or hostile files stop with a
 *       {@link org.catalogimport.commerceml.PackageException}.</li>
 * </ol>
 *
 * <p>What an importer must know:
 * <ul>
 *   <li>Ids are 1C's {@code Ид} strings, compared exactly. Dictionary value ids are unique only within
 *       their property. An offer's owning product is the part of its id before the first {@code #}.</li>
 *   <li>References may point to things defined in an earlier exchange, not in this package: group and
 *       property ids in products, price types and warehouses in prices and stock, products of offers.</li>
 *   <li>The same offer arrives up to three times (offers, prices, stock files), each time with only that
 *       file's part; null fields and empty lists mean "not given".</li>
 *   <li>Full or partial exchange ({@code СодержитТолькоИзменения}) is per section; real 3.1 exports
 *       say "only changes" even when complete.</li>
 * </ul>
 */
package org.catalogimport.commerceml;
