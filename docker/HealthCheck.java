import java.net.HttpURLConnection;
import java.net.URI;

/**
 * Container health probe: exits 0 when the URL answers HTTP 200, 1 otherwise.
 *
 * <p>why: the payara/micro image has a JDK but no curl or wget, so Docker's HEALTHCHECK runs this
 * class (compiled in the build stage) instead. MicroProfile Health answers 200 when every check is
 * UP and 503 when one is DOWN, so the status code alone is the verdict.
 */
public final class HealthCheck {

    public static void main(String[] args) {
        String url = args.length > 0 ? args[0] : "http://127.0.0.1:8080/health/ready";
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setConnectTimeout(2_000);
            connection.setReadTimeout(5_000);
            int status = connection.getResponseCode();
            System.out.println(url + " -> HTTP " + status);
            System.exit(status == 200 ? 0 : 1);
        } catch (Exception e) {
            System.out.println(url + " -> " + e);
            System.exit(1);
        }
    }
}
