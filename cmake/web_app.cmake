# web_app.cmake — the browser build: Dear ImGui + our platform/ui code + SDL2 (built by
# tools/setup) linked into build/web/app/{tackboard.js,.wasm,.data} beside our shell/.

set(imgui_dir "${TACKBOARD_DEPS}/imgui-1.86")
set(sdl_prefix "${TACKBOARD_DEPS}/sdl2-2.26.5-emscripten")
if(NOT EXISTS "${imgui_dir}/imgui.cpp" OR NOT EXISTS "${sdl_prefix}/lib/libSDL2.a")
  message(FATAL_ERROR "Dear ImGui or SDL2 is missing under ${TACKBOARD_DEPS}: run tools/setup (make does).")
endif()

set(app_dir "${CMAKE_BINARY_DIR}/app")
set(files_dir "${CMAKE_BINARY_DIR}/app-files")  # preloaded into the wasm filesystem

# --- Dear ImGui, with the test-engine item hooks on (tackboard.uiRect) ---------
add_library(imgui STATIC
  ${imgui_dir}/imgui.cpp ${imgui_dir}/imgui_draw.cpp ${imgui_dir}/imgui_tables.cpp
  ${imgui_dir}/imgui_widgets.cpp
  ${imgui_dir}/backends/imgui_impl_sdl.cpp ${imgui_dir}/backends/imgui_impl_opengl3.cpp)
target_include_directories(imgui SYSTEM PUBLIC ${imgui_dir} ${imgui_dir}/backends ${sdl_prefix}/include/SDL2)
target_compile_definitions(imgui PUBLIC IMGUI_ENABLE_TEST_ENGINE IMGUI_IMPL_OPENGL_ES3 IMGUI_DISABLE_OBSOLETE_FUNCTIONS)

# --- fonts: subset at build time from Debian's packages (nothing committed) ----
# Debian's python3-fonttools has no pyftsubset script; run the module with Debian's python.
set(PYFTSUBSET /usr/bin/python3 -m fontTools.subset)
set(text_unicodes "U+0020-007E,U+00A0-017F,U+2000-206F,U+20AC,U+2190-21FF")
set(font_outputs "")
foreach(pair "Inter-Regular.otf:inter-regular.ttf" "Inter-SemiBold.otf:inter-semibold.ttf")
  string(REPLACE ":" ";" pair "${pair}")
  list(GET pair 0 source)
  list(GET pair 1 output)
  add_custom_command(OUTPUT ${files_dir}/fonts/${output}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${files_dir}/fonts
    COMMAND ${PYFTSUBSET} /usr/share/fonts/opentype/inter/${source} --unicodes=${text_unicodes}
            --layout-features= --no-hinting --desubroutinize --output-file=${files_dir}/fonts/${output}
    DEPENDS /usr/share/fonts/opentype/inter/${source}
    COMMENT "Subsetting ${source}")
  list(APPEND font_outputs ${files_dir}/fonts/${output})
endforeach()
add_custom_command(OUTPUT ${files_dir}/fonts/icons.ttf
  COMMAND ${CMAKE_COMMAND} -E make_directory ${files_dir}/fonts
  COMMAND ${PYFTSUBSET} /usr/share/fonts/truetype/fork-awesome/forkawesome-webfont.ttf
          --unicodes-file=${CMAKE_SOURCE_DIR}/assets/icon-codepoints.txt --no-hinting
          --output-file=${files_dir}/fonts/icons.ttf
  DEPENDS /usr/share/fonts/truetype/fork-awesome/forkawesome-webfont.ttf ${CMAKE_SOURCE_DIR}/assets/icon-codepoints.txt
  COMMENT "Subsetting Fork Awesome")
list(APPEND font_outputs ${files_dir}/fonts/icons.ttf)
# Chinese: the 6,763 hanzi of GB 2312 from Noto Sans CJK SC (about 1.5 MB), and any other
# character of the UI's Chinese texts; the app rasterises only the characters in use.
set(cjk_ui_sources ${CMAKE_SOURCE_DIR}/src/ui/translations.cpp ${CMAKE_SOURCE_DIR}/src/ui/i18n.cpp
                   ${CMAKE_SOURCE_DIR}/src/ui/locale_format.cpp)
add_custom_command(OUTPUT ${files_dir}/fonts/cjk.otf
  COMMAND ${CMAKE_COMMAND} -E make_directory ${files_dir}/fonts
  COMMAND /usr/bin/python3 ${CMAKE_SOURCE_DIR}/tools/cjk_codepoints.py ${CMAKE_BINARY_DIR}/cjk-codepoints.txt ${cjk_ui_sources}
  COMMAND ${PYFTSUBSET} /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc --font-number=2
          --unicodes-file=${CMAKE_BINARY_DIR}/cjk-codepoints.txt --no-hinting --desubroutinize --layout-features=
          --output-file=${files_dir}/fonts/cjk.otf
  DEPENDS /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ${CMAKE_SOURCE_DIR}/tools/cjk_codepoints.py ${cjk_ui_sources}
  COMMENT "Subsetting Noto Sans CJK SC")
list(APPEND font_outputs ${files_dir}/fonts/cjk.otf)
add_custom_target(fonts DEPENDS ${font_outputs})

# --- the app ---------------------------------------------------------------------
add_executable(tackboard
  src/ui/item_registry.cpp src/ui/theme.cpp src/ui/widgets.cpp src/ui/board_panel.cpp src/ui/list_view.cpp src/ui/triage_view.cpp src/ui/rules_view.cpp src/ui/notification_centre.cpp src/ui/chart.cpp src/ui/reports_view.cpp src/ui/sprints_view.cpp src/ui/settings_view.cpp
  src/ui/new_ticket_dialog.cpp src/ui/field_editor.cpp src/ui/filter_bar.cpp src/ui/query_help.cpp src/ui/ticket_panel.cpp src/ui/import_dialog.cpp src/ui/main_window.cpp
  src/ui/command_palette.cpp src/ui/markdown_view.cpp src/ui/suggest_field.cpp src/ui/ticket_links.cpp
  src/ui/settings_types.cpp src/ui/settings_templates.cpp src/ui/views_sidebar.cpp src/ui/sync_panel.cpp src/ui/boards_menu.cpp src/ui/welcome_panel.cpp src/ui/request_view.cpp
  src/platform/main_web.cpp src/platform/js_bridge_web.cpp src/platform/touch_web.cpp
  src/platform/text_input_web.cpp src/platform/template_files_web.cpp src/platform/accessibility_web.cpp
  src/platform/fetch_transport_web.cpp src/platform/sync_web.cpp src/platform/gl_state_web.cpp)
target_link_libraries(tackboard PRIVATE tackboard_core tackboard_markdown tackboard_i18n imgui ${sdl_prefix}/lib/libSDL2.a)
target_compile_options(tackboard PRIVATE -Wall -Wextra)
add_dependencies(tackboard fonts)
set_target_properties(tackboard PROPERTIES SUFFIX ".js" RUNTIME_OUTPUT_DIRECTORY ${app_dir})
set_property(TARGET tackboard APPEND PROPERTY LINK_DEPENDS ${font_outputs})
target_link_options(tackboard PRIVATE
  -sALLOW_MEMORY_GROWTH=1 -sMAX_WEBGL_VERSION=2 -sMIN_WEBGL_VERSION=2
  -sDISABLE_EXCEPTION_CATCHING=1 -lidbfs.js -sFORCE_FILESYSTEM=1 -sFETCH=1
  "-sEXPORTED_FUNCTIONS=_main,_tb_api,_tb_api_bytes,_malloc,_free"
  "-sEXPORTED_RUNTIME_METHODS=ccall,UTF8ToString,addRunDependency,removeRunDependency"
  --preload-file ${files_dir}/fonts@/fonts
  # GL state reads answered without a GPU round trip, and the calls that set that state
  # (src/platform/gl_state_web.cpp).
  "-Wl,--wrap=glGetIntegerv,--wrap=glViewport,--wrap=glScissor,--wrap=glBlendFunc,--wrap=glBlendFuncSeparate,--wrap=glBlendEquation,--wrap=glBlendEquationSeparate")

# --- our shell: copied beside the module --------------------------------------
# A target that always runs, so an edited shell file is copied without relinking.
add_custom_target(shell ALL
  COMMAND ${CMAKE_COMMAND} -E copy_if_different
    ${CMAKE_SOURCE_DIR}/shell/index.html ${CMAKE_SOURCE_DIR}/shell/tackboard.css
    ${CMAKE_SOURCE_DIR}/shell/tackboard-shell.js ${CMAKE_SOURCE_DIR}/shell/tackboard-pwa.js
    ${CMAKE_SOURCE_DIR}/shell/sw.js ${CMAKE_SOURCE_DIR}/assets/favicon.svg ${CMAKE_SOURCE_DIR}/assets/app-icon.svg
    ${app_dir}
  DEPENDS tackboard)
