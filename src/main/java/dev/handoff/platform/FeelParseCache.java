package dev.handoff.platform;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.FeelEngineFactory;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.function.CustomFunctionTransformer;
import org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.feel.FeelEngine.Failure;
import org.camunda.feel.syntaxtree.ParsedExpression;
import org.camunda.feel.valuemapper.ValueMapper.CompositeValueMapper;
import org.springframework.stereotype.Component;

import camundajar.impl.scala.util.Either;

/**
 * The DMN engine's FEEL parses each expression once: the engine's FEEL integration parses every input entry and
 * expression again at each evaluation (feel-scala issue 1149, open), and the MQL definition alone has over a
 * hundred rule cells, evaluated for every lead. Parsed expressions are immutable and hold no input, so one parse
 * serves every evaluation; the same FEEL engine as the engine's own (its function providers, value mappers and
 * configuration), only with its parse remembered per expression text. On 2 cores this took DMN parsing from the
 * top of intake's and the import's profiles.
 */
@Component
class FeelParseCache extends AbstractProcessEnginePlugin {

    /** More distinct expressions than Handoff's models hold by far; past it, the cache starts over. */
    static final int MAX_EXPRESSIONS = 20_000;

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration() != null
                ? (DefaultDmnEngineConfiguration) configuration.getDmnEngineConfiguration()
                : (DefaultDmnEngineConfiguration) DefaultDmnEngineConfiguration.createDefaultDmnEngineConfiguration();
        if (dmn.getFeelEngineFactory() == null) {
            dmn.setFeelEngineFactory(factory(dmn));
        }
        configuration.setDmnEngineConfiguration(dmn);
    }

    /** The engine's FEEL with parses remembered, for this DMN configuration (and its function providers). */
    static FeelEngineFactory factory(DefaultDmnEngineConfiguration dmn) {
        return new Factory(dmn);
    }

    /** Builds the engine's FEEL with the function providers the DMN configuration has when it is built. */
    private record Factory(DefaultDmnEngineConfiguration dmn) implements FeelEngineFactory {
        @Override
        public FeelEngine createInstance() {
            List<FeelCustomFunctionProvider> providers = dmn.getFeelCustomFunctionProviders();
            return new CachingScalaFeelEngine(providers == null ? List.of() : providers);
        }
    }

    static final class CachingScalaFeelEngine extends ScalaFeelEngine {
        private Parsing parsing;

        CachingScalaFeelEngine(List<FeelCustomFunctionProvider> providers) {
            super(providers);
        }

        @Override
        protected org.camunda.feel.FeelEngine buildFeelEngine(CustomFunctionTransformer transformer,
                CompositeValueMapper valueMapper) {
            parsing = new Parsing(super.buildFeelEngine(transformer, valueMapper));
            return parsing;
        }

        /** How many distinct expressions and unary tests it has parsed and remembered. */
        int remembered() {
            return parsing.size();
        }
    }

    /** feel-scala's engine with {@code parseExpression} and {@code parseUnaryTests}, which its eval calls, remembered. */
    static final class Parsing extends org.camunda.feel.FeelEngine {
        private final Map<String, Either<Failure, ParsedExpression>> expressions = new ConcurrentHashMap<>();
        private final Map<String, Either<Failure, ParsedExpression>> unaryTests = new ConcurrentHashMap<>();

        Parsing(org.camunda.feel.FeelEngine built) {
            super(built.functionProvider(), built.valueMapper(), built.configuration(), built.clock());
        }

        @Override
        public Either<Failure, ParsedExpression> parseExpression(String expression) {
            return remembered(expressions, expression, super::parseExpression);
        }

        @Override
        public Either<Failure, ParsedExpression> parseUnaryTests(String expression) {
            return remembered(unaryTests, expression, super::parseUnaryTests);
        }

        int size() {
            return expressions.size() + unaryTests.size();
        }

        private static Either<Failure, ParsedExpression> remembered(Map<String, Either<Failure, ParsedExpression>> cache,
                String expression, Function<String, Either<Failure, ParsedExpression>> parse) {
            Either<Failure, ParsedExpression> known = cache.get(expression);
            if (known != null) {
                return known;
            }
            Either<Failure, ParsedExpression> parsed = parse.apply(expression);
            if (parsed.isRight()) {
                if (cache.size() >= MAX_EXPRESSIONS) {
                    cache.clear();
                }
                cache.put(expression, parsed);
            }
            return parsed;
        }
    }
}
