package social.herd.web.impl.errors;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;

/** Maps anything else to {@code 500 {"error":"Internal server error"}}, logged once at ERROR; wrapped request errors are unwrapped first. */
@Component(service = ExceptionMapper.class)
@JakartarsExtension
@JakartarsName("herd.errors.Throwable")
public final class ThrowableMapper implements ExceptionMapper<Throwable> {

    @Override
    public Response toResponse(Throwable exception) {
        return ExceptionResponses.toResponse(exception);
    }
}
