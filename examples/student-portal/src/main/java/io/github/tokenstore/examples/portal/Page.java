package io.github.tokenstore.examples.portal;

/** The portal's HTML: one layout, and escaping for everything that comes from outside. */
final class Page {

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:0;background:#f4f6fb;color:#1d2433}
            header{background:#1f4e9c;color:#fff;padding:14px 32px}
            header h1{margin:0;font-size:22px} header p{margin:4px 0 0;font-size:13px;opacity:.85}
            main{max-width:860px;margin:28px auto;background:#fff;padding:24px 32px;border-radius:8px;
            box-shadow:0 1px 4px rgba(0,0,0,.12)}
            table{border-collapse:collapse;width:100%} th,td{text-align:left;padding:8px;border-bottom:1px solid #dde}
            th{background:#eef2fa} .notice{background:#fff6d6;padding:8px 12px;border-radius:4px}
            .error{background:#fde2e2;padding:8px 12px;border-radius:4px}
            button{background:#1f4e9c;color:#fff;border:0;padding:8px 16px;border-radius:4px;cursor:pointer}
            input{padding:7px;width:260px} .demo{font-size:13px;color:#555} form.inline{display:inline}
            """;

    private Page() {
    }

    /** A whole page; {@code title} is escaped, {@code body} is HTML the caller built with {@link #escape}. */
    static String render(String title, String body, boolean demo) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + " · Zylker Academy</title><style>" + STYLE + "</style></head><body>"
                + "<header><h1>Zylker Academy student portal</h1>"
                + (demo ? "<p>Demo mode: a fake Zoho accounts server and CRM run inside this application.</p>" : "")
                + "</header><main>" + body + "</main></body></html>\n";
    }

    /** Text for a URL's query value (then {@link #escape}d for the HTML attribute it goes in). */
    static String encode(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Text for HTML content and quoted attribute values. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
