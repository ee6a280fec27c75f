package dev.memos.shell.repl;

import dev.memos.shell.Context;
import dev.memos.shell.Printer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/** Boots Spring and Spring Shell for the interactive mode only; the other modes never start Spring. */
public final class ReplLauncher {
    private ReplLauncher() {
    }

    public static int run(Context ctx, Printer printer, JLineSecretPrompt prompt) {
        SpringApplication app = new SpringApplication(ReplConfiguration.class);
        app.setBannerMode(Banner.Mode.OFF);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setLogStartupInfo(false);
        app.setRegisterShutdownHook(false);
        Map<String, Object> props = new LinkedHashMap<>();
        // Our own help, version and script commands replace Spring Shell's built-ins.
        for (String builtin : new String[] {"help", "clear", "version", "script", "history"}) {
            props.put("spring.shell.command." + builtin + ".enabled", "false");
        }
        props.put("spring.shell.history.name", ReplConfiguration.HISTORY_NAME);
        props.put("logging.level.root", "WARN");
        props.put("spring.main.lazy-initialization", "false");
        app.setDefaultProperties(props);
        app.addInitializers(c -> {
            c.getBeanFactory().registerSingleton("memosContext", ctx);
            c.getBeanFactory().registerSingleton("memosPrinter", printer);
            c.getBeanFactory().registerSingleton("memosSecretPrompt", prompt);
        });
        // The idle timeout must wipe secrets even while nobody types.
        ScheduledExecutorService idle = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "memos-idle-lock");
            t.setDaemon(true);
            return t;
        });
        idle.scheduleAtFixedRate(() -> ctx.session().expireIfIdle(), 10, 10, TimeUnit.SECONDS);
        try {
            ConfigurableApplicationContext spring = app.run();
            return SpringApplication.exit(spring, () -> 0);
        } finally {
            idle.shutdownNow();
        }
    }
}
