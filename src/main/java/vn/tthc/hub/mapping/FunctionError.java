package vn.tthc.hub.mapping;

import com.dashjoin.jsonata.JException;

/** A value a registered mapping function refuses, raised inside the JSONata evaluator. */
final class FunctionError extends JException {
    FunctionError(String rule) {
        // a JException with location -1: the evaluator stamps it with the position of the failing
        // call, which MappingEngine turns into the field path of the MappingException
        super(rule, -1);
    }

    @Override
    public String getMessage() {
        return getError();
    }
}
