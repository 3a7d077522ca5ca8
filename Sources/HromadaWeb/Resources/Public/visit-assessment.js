// The hospitality standard's checklists (the visit module's assessor and
// self-assessment pages). Each section's form is saved on the server when
// sent; until then, what is typed is kept in this browser (localStorage,
// under the form's data-keep key) and put back if the page is opened
// again, so a lost connection or a closed tab loses nothing. A section the
// server confirms as saved (?saved=<section>, or ?done=1) is forgotten here.
(function () {
  'use strict';

  function storage() {
    try { return window.localStorage; } catch (e) { return null; }
  }

  function fields(form) {
    return Array.prototype.filter.call(form.elements, function (field) {
      return field.name && field.name !== '_csrf' && field.type !== 'file' && field.type !== 'submit' && field.type !== 'hidden';
    });
  }

  function save(store, form) {
    var values = {};
    fields(form).forEach(function (field) { values[field.name] = field.value; });
    try { store.setItem(form.getAttribute('data-keep'), JSON.stringify(values)); } catch (e) { /* full or private: the server keeps the sections */ }
  }

  function restore(store, form) {
    var text = store.getItem(form.getAttribute('data-keep'));
    if (!text) { return; }
    var values;
    try { values = JSON.parse(text); } catch (e) { return; }
    fields(form).forEach(function (field) {
      if (Object.prototype.hasOwnProperty.call(values, field.name) && typeof values[field.name] === 'string') { field.value = values[field.name]; }
    });
  }

  function start() {
    var store = storage();
    if (!store) { return; }
    var query = new URLSearchParams(window.location.search);
    var saved = query.get('saved'), done = query.get('done');
    Array.prototype.forEach.call(document.querySelectorAll('form[data-keep]'), function (form) {
      var key = form.getAttribute('data-keep');
      if (done || (saved && key.slice(-(saved.length + 1)) === '-' + saved)) {
        store.removeItem(key);
      } else {
        restore(store, form);
      }
      form.addEventListener('input', function () { save(store, form); });
      form.addEventListener('change', function () { save(store, form); });
    });
  }

  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
})();
