// gl_state_web.cpp — answers, without a GPU round trip, the GL state reads that would
// stall every WebGL frame.
//
// Dear ImGui's OpenGL3 backend saves the GL state before it draws and restores it after,
// reading it with glGetIntegerv every frame. Chromium keeps most of that state on the
// page's side, but not the blend functions and equations, the viewport and the scissor
// box: each of those 8 reads is a synchronous call to the GPU process, which first
// finishes all queued GPU work. So each frame waited, in the middle of its CPU time, for
// the previous frame to be rasterised (measured in headless Chromium with SwiftShader:
// up to 460 ms in one frame; a real GPU waits less, but still every frame).
//
// The linker routes glGetIntegerv and the calls that set these values through here
// (-Wl,--wrap, cmake/web_app.cmake), so nothing is missed whoever calls them. A value is
// read from WebGL the first time it is asked for, then kept as it is set; every other
// query goes to WebGL as before. Values are kept as passed: the callers pass valid ones
// (an invalid one is a GL error that leaves the state unchanged, which this does not
// model).
#include <GLES3/gl3.h>

#include <algorithm>

namespace {

struct Shadowed {
    GLenum name;
    int count;  // values glGetIntegerv writes for it
    GLint value[4];
    bool known;
};

// File-level, like GL's own state: the wrapped functions take no user-data pointer.
Shadowed g_state[] = {
    {GL_VIEWPORT, 4, {}, false},          {GL_SCISSOR_BOX, 4, {}, false},
    {GL_BLEND_SRC_RGB, 1, {}, false},     {GL_BLEND_DST_RGB, 1, {}, false},
    {GL_BLEND_SRC_ALPHA, 1, {}, false},   {GL_BLEND_DST_ALPHA, 1, {}, false},
    {GL_BLEND_EQUATION_RGB, 1, {}, false}, {GL_BLEND_EQUATION_ALPHA, 1, {}, false},
};

Shadowed* Find(GLenum name) {
    for (Shadowed& s : g_state)
        if (s.name == name) return &s;
    return nullptr;
}

void Set(GLenum name, GLint a, GLint b = 0, GLint c = 0, GLint d = 0) {
    Shadowed& s = *Find(name);
    s.value[0] = a, s.value[1] = b, s.value[2] = c, s.value[3] = d;
    s.known = true;
}

void SetBlendFunc(GLenum source_rgb, GLenum destination_rgb, GLenum source_alpha, GLenum destination_alpha) {
    Set(GL_BLEND_SRC_RGB, static_cast<GLint>(source_rgb));
    Set(GL_BLEND_DST_RGB, static_cast<GLint>(destination_rgb));
    Set(GL_BLEND_SRC_ALPHA, static_cast<GLint>(source_alpha));
    Set(GL_BLEND_DST_ALPHA, static_cast<GLint>(destination_alpha));
}

void SetBlendEquation(GLenum mode_rgb, GLenum mode_alpha) {
    Set(GL_BLEND_EQUATION_RGB, static_cast<GLint>(mode_rgb));
    Set(GL_BLEND_EQUATION_ALPHA, static_cast<GLint>(mode_alpha));
}

}  // namespace

extern "C" {

void __real_glGetIntegerv(GLenum name, GLint* data);
void __real_glViewport(GLint x, GLint y, GLsizei width, GLsizei height);
void __real_glScissor(GLint x, GLint y, GLsizei width, GLsizei height);
void __real_glBlendFunc(GLenum source, GLenum destination);
void __real_glBlendFuncSeparate(GLenum source_rgb, GLenum destination_rgb, GLenum source_alpha,
                                GLenum destination_alpha);
void __real_glBlendEquation(GLenum mode);
void __real_glBlendEquationSeparate(GLenum mode_rgb, GLenum mode_alpha);

void __wrap_glGetIntegerv(GLenum name, GLint* data) {
    Shadowed* s = Find(name);
    if (!s) return __real_glGetIntegerv(name, data);
    if (!s->known) {
        __real_glGetIntegerv(name, s->value);
        s->known = true;
    }
    std::copy(s->value, s->value + s->count, data);
}

void __wrap_glViewport(GLint x, GLint y, GLsizei width, GLsizei height) {
    __real_glViewport(x, y, width, height);
    if (width >= 0 && height >= 0) Set(GL_VIEWPORT, x, y, width, height);
}

void __wrap_glScissor(GLint x, GLint y, GLsizei width, GLsizei height) {
    __real_glScissor(x, y, width, height);
    if (width >= 0 && height >= 0) Set(GL_SCISSOR_BOX, x, y, width, height);
}

void __wrap_glBlendFunc(GLenum source, GLenum destination) {
    __real_glBlendFunc(source, destination);
    SetBlendFunc(source, destination, source, destination);
}

void __wrap_glBlendFuncSeparate(GLenum source_rgb, GLenum destination_rgb, GLenum source_alpha,
                                GLenum destination_alpha) {
    __real_glBlendFuncSeparate(source_rgb, destination_rgb, source_alpha, destination_alpha);
    SetBlendFunc(source_rgb, destination_rgb, source_alpha, destination_alpha);
}

void __wrap_glBlendEquation(GLenum mode) {
    __real_glBlendEquation(mode);
    SetBlendEquation(mode, mode);
}

void __wrap_glBlendEquationSeparate(GLenum mode_rgb, GLenum mode_alpha) {
    __real_glBlendEquationSeparate(mode_rgb, mode_alpha);
    SetBlendEquation(mode_rgb, mode_alpha);
}

}  // extern "C"
