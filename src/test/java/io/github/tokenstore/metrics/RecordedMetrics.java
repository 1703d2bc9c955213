package io.github.tokenstore.metrics;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An OpenTelemetry SDK whose metrics a test reads back: every collection gives the cumulative values so
 * far. Points are keyed by their attributes written as {@code key=value,key=value} in key order.
 */
public final class RecordedMetrics implements AutoCloseable {

    private final InMemoryMetricReader reader = InMemoryMetricReader.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader).build())
            .build();

    /** The SDK, to hand to the code under test. */
    public OpenTelemetry openTelemetry() {
        return sdk;
    }

    /** Every metric of the library's scope collected now, by name. */
    public Map<String, MetricData> collect() {
        Collection<MetricData> all = reader.collectAllMetrics();
        Map<String, MetricData> byName = new TreeMap<>();
        for (MetricData m : all) {
            assertThat(m.getInstrumentationScopeInfo().getName()).isEqualTo(OpenTelemetryTokenMetrics.SCOPE);
            byName.put(m.getName(), m);
        }
        return byName;
    }

    /** The sum points of a counter or up-down counter: attributes → value. */
    public static Map<String, Long> sums(MetricData metric) {
        return metric.getLongSumData().getPoints().stream()
                .collect(Collectors.toMap(p -> text(p.getAttributes()), LongPointData::getValue, (a, b) -> a,
                        TreeMap::new));
    }

    /** The histogram points: attributes → number of recordings. */
    public static Map<String, Long> counts(MetricData metric) {
        return metric.getHistogramData().getPoints().stream()
                .collect(Collectors.toMap(p -> text(p.getAttributes()), HistogramPointData::getCount, (a, b) -> a,
                        TreeMap::new));
    }

    /** The histogram points: attributes → sum of recorded values. */
    public static Map<String, Double> totals(MetricData metric) {
        return metric.getHistogramData().getPoints().stream()
                .collect(Collectors.toMap(p -> text(p.getAttributes()), HistogramPointData::getSum, (a, b) -> a,
                        TreeMap::new));
    }

    static String text(Attributes attributes) {
        Map<String, String> sorted = new TreeMap<>();
        attributes.forEach((k, v) -> sorted.put(k.getKey(), String.valueOf(v)));
        return sorted.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }

    /** Every point's attribute text of every metric, to check that nothing secret got in. */
    public static List<String> allAttributes(Collection<MetricData> metrics) {
        return metrics.stream().flatMap(m -> m.getData().getPoints().stream())
                .map(p -> text(p.getAttributes())).toList();
    }

    @Override
    public void close() {
        sdk.close();
    }
}
