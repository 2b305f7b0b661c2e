package org.catalogimport.commerceml;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Keeps everything a reader delivers, in order, for assertions. */
final class RecordingVisitor implements CatalogVisitor {

    final List<SectionInfo> sections = new ArrayList<>();
    final List<GroupRecord> groups = new ArrayList<>();
    final List<PropertyRecord> properties = new ArrayList<>();
    final List<PriceTypeRecord> priceTypes = new ArrayList<>();
    final List<WarehouseRecord> warehouses = new ArrayList<>();
    final List<UnitRecord> units = new ArrayList<>();
    final List<ProductRecord> products = new ArrayList<>();
    final List<OfferRecord> offers = new ArrayList<>();
    final List<ItemProblem> problems = new ArrayList<>();
    final List<FileCensus> censuses = new ArrayList<>();
    /** Every callback in arrival order, as "kind:id", to check ordering. */
    final List<String> events = new ArrayList<>();

    @Override
    public void section(SectionInfo section) {
        sections.add(section);
        events.add("section:" + section.kind());
    }

    @Override
    public void group(GroupRecord group) {
        groups.add(group);
        events.add("group:" + group.id());
    }

    @Override
    public void property(PropertyRecord property) {
        properties.add(property);
        events.add("property:" + property.id());
    }

    @Override
    public void priceType(PriceTypeRecord priceType) {
        priceTypes.add(priceType);
        events.add("priceType:" + priceType.id());
    }

    @Override
    public void warehouse(WarehouseRecord warehouse) {
        warehouses.add(warehouse);
        events.add("warehouse:" + warehouse.id());
    }

    @Override
    public void unit(UnitRecord unit) {
        units.add(unit);
        events.add("unit:" + unit.code());
    }

    @Override
    public void product(ProductRecord product) {
        products.add(product);
        events.add("product:" + product.id());
    }

    @Override
    public void offer(OfferRecord offer) {
        offers.add(offer);
        events.add("offer:" + offer.id());
    }

    @Override
    public void problem(ItemProblem problem) {
        problems.add(problem);
        events.add("problem:" + problem.itemId());
    }

    /** Reads every file of the package into one recorder. */
    static RecordingVisitor readAll(ExchangePackage pkg) throws PackageException {
        RecordingVisitor recorder = new RecordingVisitor();
        CommerceMlReader reader = new CommerceMlReader();
        for (PackageFile file : pkg.files()) {
            reader.read(file, recorder);
        }
        return recorder;
    }

    ProductRecord product(String id) {
        return single(products, ProductRecord::id, id);
    }

    /** The offer with this id from the file whose name contains {@code fileNamePart}. */
    OfferRecord offer(String id, String fileNamePart) {
        List<OfferRecord> matching = offers.stream()
                .filter(o -> o.id().equals(id) && o.location().file().contains(fileNamePart)).toList();
        if (matching.size() != 1) {
            throw new AssertionError("expected one offer " + id + " in " + fileNamePart + ", found " + matching.size());
        }
        return matching.get(0);
    }

    OfferRecord offer(String id) {
        return single(offers, OfferRecord::id, id);
    }

    GroupRecord group(String id) {
        return single(groups, GroupRecord::id, id);
    }

    PropertyRecord property(String id) {
        return properties.stream().filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no property " + id));
    }

    WarehouseRecord warehouse(String id) {
        return single(warehouses, WarehouseRecord::id, id);
    }

    long dictionaryValues() {
        return properties.stream().mapToLong(p -> p.values().size()).sum();
    }

    long priceRows() {
        return offers.stream().mapToLong(o -> o.prices().size()).sum();
    }

    long stockRows() {
        return offers.stream().mapToLong(o -> o.stock().size()).sum();
    }

    static <T> T single(List<T> records, Function<T, String> id, String wanted) {
        List<T> matching = records.stream().filter(r -> wanted.equals(id.apply(r))).toList();
        if (matching.size() != 1) {
            throw new AssertionError("expected exactly one record with id " + wanted + ", found " + matching.size());
        }
        return matching.get(0);
    }

    static <T> Map<String, T> byId(List<T> records, Function<T, String> id) {
        return records.stream().collect(Collectors.toMap(id, Function.identity(), (a, b) -> b));
    }

    @Override
    public void census(FileCensus census) {
        censuses.add(census);
    }

    /** The problems as lines: kind, entity, Ид, file:line and the English reason. */
    List<String> problemLines() {
        return problems.stream().map(p -> line(p.kind(), p.entity(), p.itemId(), p.file(), p.line(), p.reason())).toList();
    }

    /** One problem as {@link #problemLines()} writes it. */
    static String line(ItemProblem.Kind kind, CatalogEntity entity, String itemId, String file, long line, String reason) {
        return kind + " " + entity + " " + itemId + " " + file + ":" + line + " " + reason;
    }
}
